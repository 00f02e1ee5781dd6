import { CompiledQuery, type Transaction } from 'kysely';
import type { Db } from '../db';
import type { DB } from '../db/schema';

// Guests answering at the same moment share one transaction, each answer inside its own
// savepoint: an answer still writes all its rows or none (a failing one is rolled back to its
// savepoint alone), and nobody is told "done" before the COMMIT holding their rows returns.
// Under load (bench/rsvp.ts: 50 guests at once) the COMMIT — the WAL write, and now and then a
// checkpoint — was the largest single cost of an answer; shared, it is paid once per group.

type Work<T> = (trx: Transaction<DB>) => Promise<T>;

interface Job {
	work: Work<unknown>;
	resolve: (value: unknown) => void;
	reject: (reason: unknown) => void;
}

interface Queue {
	jobs: Job[];
	running: boolean;
}

/** At most this many answers per transaction, so one group never holds the database long. */
const MAX_GROUP = 32;

const queues = new WeakMap<Db, Queue>();

const SAVEPOINT = CompiledQuery.raw('savepoint rsvp_answer');
const RELEASE = CompiledQuery.raw('release savepoint rsvp_answer');
const ROLLBACK_TO = CompiledQuery.raw('rollback to savepoint rsvp_answer');

/**
 * Runs `work` in a transaction of its own or shared with answers arriving meanwhile; resolves
 * with its result once that transaction has committed.
 */
export function inGroupTransaction<T>(db: Db, work: Work<T>): Promise<T> {
	let queue = queues.get(db);
	if (!queue) {
		queue = { jobs: [], running: false };
		queues.set(db, queue);
	}
	const q = queue;
	return new Promise<T>((resolve, reject) => {
		q.jobs.push({ work, resolve: resolve as (value: unknown) => void, reject });
		if (!q.running) {
			// Start after the event loop's current turn, so answers parsed in it join the group.
			q.running = true;
			setImmediate(() => void drain(db, q));
		}
	});
}

async function drain(db: Db, queue: Queue): Promise<void> {
	queue.running = true;
	try {
		while (queue.jobs.length > 0) {
			const group = queue.jobs.splice(0, MAX_GROUP);
			const outcomes: { ok: boolean; value: unknown }[] = [];
			try {
				await db.transaction().execute(async (trx) => {
					for (const job of group) {
						await trx.executeQuery(SAVEPOINT);
						try {
							const value = await job.work(trx);
							await trx.executeQuery(RELEASE);
							outcomes.push({ ok: true, value });
						} catch (err) {
							await trx.executeQuery(ROLLBACK_TO);
							await trx.executeQuery(RELEASE);
							outcomes.push({ ok: false, value: err });
						}
					}
				});
			} catch (err) {
				// The COMMIT (or the transaction itself) failed: nothing of this group was kept.
				for (const job of group) {
					job.reject(err);
				}
				continue;
			}
			group.forEach((job, i) => {
				const outcome = outcomes[i];
				if (outcome.ok) {
					job.resolve(outcome.value);
				} else {
					job.reject(outcome.value);
				}
			});
		}
	} finally {
		queue.running = false;
	}
}
