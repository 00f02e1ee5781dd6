import type { Db } from '../db';
import { addMs, nowIso } from '../time';
import { renewLeases } from './repository';

/** One claim's lease as the database holds it; renewals move `until` forward. */
export interface Lease {
	until: string;
	/** The value before the last renewal: a release racing a renewal may find either. */
	before: string | null;
}

/**
 * Keeps a worker's claims alive while it holds them (claimed ahead, being sent, or sent and not
 * yet recorded). A claim is short (a minute by default) so that after a crash its messages are
 * due again soon; every third of a lease the worker extends the leases of all it still holds,
 * in one UPDATE, so a slow send never loses its claim to another worker.
 */
export class LeaseKeeper {
	private readonly held = new Map<number, Lease>();
	private timer: ReturnType<typeof setInterval> | null = null;
	private renewing: Promise<void> | null = null;

	constructor(
		private readonly db: Db,
		private readonly owner: string,
		readonly leaseMs: number
	) {}

	/** A new claim on `ids`, leased until `until`. */
	claim(ids: number[], until: string): Lease {
		const lease: Lease = { until, before: null };
		for (const id of ids) {
			this.held.set(id, lease);
		}
		return lease;
	}

	/** The worker no longer holds `id` (settled, or given back). */
	drop(id: number): void {
		this.held.delete(id);
	}

	start(): void {
		this.timer ??= setInterval(() => void this.renew(), this.leaseMs / 3);
		this.timer.unref();
	}

	async stop(): Promise<void> {
		if (this.timer) {
			clearInterval(this.timer);
			this.timer = null;
		}
		await this.renewing;
	}

	/** Extends every held lease to a full lease from now. */
	renew(): Promise<void> {
		if (this.renewing || this.held.size === 0) {
			return this.renewing ?? Promise.resolve();
		}
		const until = addMs(nowIso(), this.leaseMs);
		const ids = [...this.held.keys()];
		// Moved before the UPDATE runs, so a release issued meanwhile matches either value.
		for (const lease of new Set(this.held.values())) {
			lease.before = lease.until;
			lease.until = until;
		}
		this.renewing = renewLeases(this.db, ids, this.owner, until)
			.catch((err) => {
				// The leases run on; the next renewal (a third of a lease later) tries again.
				console.error('mail worker: could not renew leases', err);
			})
			.finally(() => {
				this.renewing = null;
			});
		return this.renewing;
	}
}
