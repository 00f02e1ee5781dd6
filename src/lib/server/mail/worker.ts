import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../db';
import type { OutboxMessage } from '../db/schema';
import { addMs, nowIso, MINUTE } from '../time';
import { DEFAULT_BACKOFF, retryDelay, type BackoffOptions } from './backoff';
import { claimBatch, type Attachment, type Claimed } from './claims';
import { LeaseKeeper, type Lease } from './leases';
import { markFailed, markRetry, releaseClaims } from './repository';
import { SentRecorder } from './sent-recorder';
import { classifySendError, toMailOptions, type MailTransport } from './transport';

export { retryDelay, type BackoffOptions } from './backoff';

export interface MailWorkerOptions {
	db: Db;
	transport: MailTransport;
	mailFrom: string;
	/** Names this worker in lease_owner; unique per process and start. */
	owner?: string;
	/**
	 * Sends in flight at once (handed to the pool, or sent and not yet recorded). Well above the
	 * pool size, so every connection always has its next message ready. Also the most messages a
	 * crash can cause to be sent twice.
	 */
	concurrency?: number;
	pollMs?: number;
	/** How long a claim holds unless renewed; renewed every third of it while held. */
	leaseMs?: number;
	backoff?: Partial<BackoffOptions>;
	/** Closes the transport on stop (true when the worker made it). */
	ownsTransport?: boolean;
}

/**
 * Sends what the outbox holds. Every message is claimed with a lease before it is sent and
 * settled (sent / retry later / failed) by the lease holder afterwards, so:
 * - two workers (in one process or two) never send the same message;
 * - after a crash, messages whose lease ran out are sent by the next worker. The only messages
 *   that can go out twice are those that were in flight (handed to the SMTP server, not yet
 *   marked sent) when the process died: at most `concurrency` of them.
 */
export class MailWorker {
	readonly owner: string;
	private readonly db: Db;
	private readonly transport: MailTransport;
	private readonly mailFrom: string;
	private readonly concurrency: number;
	private readonly minClaim: number;
	private readonly sent: SentRecorder;
	/**
	 * Claimed ahead while the slots are busy, so a finished send is replaced at once, without
	 * waiting for the database: the pipe to the SMTP pool never runs dry between batches. Up to
	 * twice `concurrency`; not in flight (the server has not seen them), so they add nothing to
	 * the crash bound. After a crash they wait out their lease like the sends in flight; on stop
	 * or when the server goes away they are given back at once.
	 */
	private ready: Claimed[] = [];
	/** Claim ahead only while sends succeed: an unreachable server gets no claims it cannot use. */
	private flowing = false;
	private readonly pollMs: number;
	private readonly leaseMs: number;
	private readonly leases: LeaseKeeper;
	private readonly backoff: BackoffOptions;
	private readonly ownsTransport: boolean;
	private readonly inFlight = new Set<Promise<void>>();
	private timer: ReturnType<typeof setInterval> | null = null;
	private running = false;
	private pumping: Promise<void> | null = null;
	private again = false;
	/** While the server is unreachable, claim nothing new: only the sends in flight use an attempt. */
	private pausedUntil = 0;

	constructor(options: MailWorkerOptions) {
		this.db = options.db;
		this.transport = options.transport;
		this.mailFrom = options.mailFrom;
		this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
		this.concurrency = options.concurrency ?? 16;
		// Claim in batches rather than one row per finished send: each statement (a commit) costs
		// more than the rows it touches. Half the slots still leave the pool's connections busy.
		this.minClaim = Math.max(1, Math.floor(this.concurrency / 2));
		this.pollMs = options.pollMs ?? 1000;
		// Short, so that after a crash its claims are free again soon; renewed while held, so
		// it need not outlast a send (SEND_TIMEOUT_MS).
		this.leaseMs = options.leaseMs ?? LEASE_MS;
		this.leases = new LeaseKeeper(this.db, this.owner, this.leaseMs);
		this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
		this.ownsTransport = options.ownsTransport ?? false;
		// A batch is full at a claim's worth, or when every send in flight is waiting for it.
		this.sent = new SentRecorder(
			this.db,
			this.owner,
			(pending) => pending >= this.minClaim || pending >= this.inFlight.size
		);
	}

	start(): void {
		if (this.running) {
			return;
		}
		this.running = true;
		this.timer = setInterval(() => this.wake(), this.pollMs);
		this.timer.unref();
		this.leases.start();
		this.wake();
	}

	/** Looks for due messages now instead of at the next poll. Cheap to call often. */
	wake(): void {
		if (!this.running) {
			return;
		}
		if (this.pumping) {
			this.again = true;
			return;
		}
		this.pumping = this.pump().finally(() => {
			this.pumping = null;
		});
	}

	/** Stops claiming, waits for the sends in flight to be settled, closes the transport. */
	async stop(): Promise<void> {
		this.running = false;
		if (this.timer) {
			clearInterval(this.timer);
			this.timer = null;
		}
		await this.pumping;
		await this.releaseReady();
		await Promise.all(this.inFlight);
		await this.leases.stop();
		if (this.ownsTransport) {
			this.transport.close();
		}
	}

	get busy(): number {
		return this.inFlight.size;
	}

	private async pump(): Promise<void> {
		try {
			do {
				this.again = false;
				while (this.running) {
					this.fill();
					if (Date.now() < this.pausedUntil) {
						break;
					}
					const busy = this.inFlight.size;
					const flowing = this.flowing && busy > 0;
					const ahead = flowing ? 2 * this.concurrency : 0;
					const want = this.concurrency - busy + ahead - this.ready.length;
					// A full batch wanted (larger once sends flow: fewer, cheaper statements per row),
					// or nothing at all to do (then one due message is enough).
					const batch = flowing ? this.concurrency : this.minClaim;
					if (want < batch && (busy > 0 || this.ready.length > 0)) {
						break;
					}
					const claimed = await claimBatch(this.db, this.owner, this.leases, want);
					if (claimed.length === 0) {
						break;
					}
					this.ready.push(...claimed);
					if (!this.running) {
						break;
					}
					if (claimed.length < want) {
						this.fill();
						break;
					}
				}
			} while (this.again && this.running);
		} catch (err) {
			// A locked or closed database: the next poll tries again.
			console.error('mail worker: claiming failed', err);
		}
	}

	/**
	 * Hands claimed messages to free slots. Synchronous, and called as each send settles, so the
	 * next message reaches the pool before the database is asked for more.
	 */
	private fill(): void {
		if (!this.running || Date.now() < this.pausedUntil) {
			return;
		}
		const now = Date.now();
		const stale: Claimed[] = [];
		while (this.ready.length > 0 && this.inFlight.size < this.concurrency) {
			const next = this.ready.shift()!;
			// A claim that waited long (a hanging server) could run out mid-send; give it back.
			if (now > next.staleAt) {
				stale.push(next);
				continue;
			}
			const job: Promise<void> = this.deliver(next.row, next.attachments).finally(() => {
				this.leases.drop(next.row.id);
				this.inFlight.delete(job);
				this.fill();
				this.wake();
			});
			this.inFlight.add(job);
		}
		if (stale.length > 0) {
			void this.release(stale);
		}
	}

	private releaseReady(): Promise<void> {
		const claims = this.ready;
		this.ready = [];
		return this.release(claims);
	}

	private async release(claims: Claimed[]): Promise<void> {
		const byLease = new Map<Lease, number[]>();
		for (const c of claims) {
			this.leases.drop(c.row.id);
			byLease.set(c.lease, [...(byLease.get(c.lease) ?? []), c.row.id]);
		}
		try {
			for (const [lease, ids] of byLease) {
				const values = lease.before ? [lease.until, lease.before] : [lease.until];
				await releaseClaims(this.db, ids, this.owner, values);
			}
		} catch (err) {
			// Their leases run out instead and the next claim takes them.
			console.error('mail worker: could not give back claims', err);
		}
	}

	private async deliver(row: OutboxMessage, attachments: Attachment[]): Promise<void> {
		let failure: ReturnType<typeof classifySendError> | null = null;
		try {
			await this.transport.sendMail(toMailOptions(row, attachments, this.mailFrom));
		} catch (err) {
			failure = classifySendError(err);
		}
		// Settling is outside the send's try: a database error here must not be taken for a
		// failed send (the message went out). If it cannot be recorded, the lease runs out and
		// the message is sent again: the one duplicate the design allows for a message in flight.
		try {
			const now = nowIso();
			if (!failure) {
				this.flowing = true;
				await this.sent.record(row.id);
			} else if (failure.permanent) {
				await markFailed(this.db, row.id, this.owner, failure.reply, failure.bounce);
			} else if (row.attempts >= this.backoff.maxAttempts) {
				await markFailed(this.db, row.id, this.owner, failure.reply);
			} else {
				const delay = retryDelay(row.attempts, this.backoff);
				if (failure.serverDown) {
					this.pausedUntil = Math.max(this.pausedUntil, Date.now() + delay);
					this.flowing = false;
					await this.releaseReady();
				}
				const next = addMs(now, delay);
				await markRetry(this.db, row.id, this.owner, next, failure.reply);
			}
		} catch (err) {
			console.error(`mail worker: could not record the outcome of message ${row.id}`, err);
		}
	}
}

/** A claim's lease unless renewed: how long a crashed worker's messages wait. */
export const LEASE_MS = MINUTE;
