import type { Executor } from '../db';
import { MINUTE, nowIso } from '../time';

const FREE_FAILURES = 5;
const MAX_LOCK = 15 * MINUTE;

/** Lock grows with each failure past the free ones: 30 s, 1 min, 2 min … capped at 15 min. */
function lockFor(failures: number): number {
	const over = failures - FREE_FAILURES;
	return over < 0 ? 0 : Math.min(MAX_LOCK, 30_000 * 2 ** over);
}

export function throttleKeys(email: string, address: string): string[] {
	return [`email:${email.trim().toLowerCase()}`, `ip:${address}`];
}

/** Seconds until the next attempt is allowed for any of the keys, or 0. */
export async function secondsLocked(db: Executor, keys: string[]): Promise<number> {
	const rows = await db
		.selectFrom('login_throttle')
		.select('locked_until')
		.where('key', 'in', keys)
		.execute();
	const now = Date.now();
	let wait = 0;
	for (const row of rows) {
		if (row.locked_until) {
			wait = Math.max(wait, Date.parse(row.locked_until) - now);
		}
	}
	return Math.ceil(wait / 1000);
}

export async function recordFailure(db: Executor, keys: string[]): Promise<void> {
	const now = nowIso();
	for (const key of keys) {
		const row = await db
			.selectFrom('login_throttle')
			.select('failures')
			.where('key', '=', key)
			.executeTakeFirst();
		const failures = (row?.failures ?? 0) + 1;
		const lock = lockFor(failures);
		const lockedUntil = lock ? new Date(Date.now() + lock).toISOString() : null;
		await db
			.insertInto('login_throttle')
			.values({ key, failures, last_failure_at: now, locked_until: lockedUntil })
			.onConflict((oc) =>
				oc.column('key').doUpdateSet({ failures, last_failure_at: now, locked_until: lockedUntil })
			)
			.execute();
	}
}

export async function clearFailures(db: Executor, keys: string[]): Promise<void> {
	await db.deleteFrom('login_throttle').where('key', 'in', keys).execute();
}
