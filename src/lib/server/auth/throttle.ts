import { sql } from 'kysely';
import type { Executor } from '../db';
import { DAY, MINUTE } from '../time';

/**
 * Sign-in throttling. Every attempt is *taken* before its password is checked, by one atomic
 * INSERT … ON CONFLICT … RETURNING per step, so a parallel burst cannot all read "not locked":
 * the statements run one after another and each sees the count the previous one left.
 *
 * Three keys, so that no one can lock an owner out from the owner's own address:
 * - address + account: 5 free attempts, then one attempt per lock (30 s, 1 min, 2 min … 15 min);
 * - address: 20 free attempts over all accounts (password spraying), then the same locks;
 * - account, from anywhere: 50 free attempts, then locks of at most 60 s, which slows a guesser
 *   spread over many addresses to about one guess a minute but never shuts the owner out for long.
 * A window of failures ends 15 minutes after its last attempt; a right password clears the
 * account's keys and gives its attempt back to the address.
 */
interface Limit {
	free: number;
	maxLockMs: number;
}

export const LIMITS = {
	pair: { free: 5, maxLockMs: 15 * MINUTE },
	address: { free: 20, maxLockMs: 15 * MINUTE },
	account: { free: 50, maxLockMs: MINUTE }
} satisfies Record<string, Limit>;

const WINDOW_MS = 15 * MINUTE;
const FIRST_LOCK_MS = 30_000;

export interface ThrottleKeys {
	pair: string;
	address: string;
	account: string;
}

export function throttleKeys(email: string, address: string): ThrottleKeys {
	const account = email.trim().toLowerCase();
	return {
		pair: `pair:${account}|${address}`,
		address: `ip:${address}`,
		account: `account:${account}`
	};
}

/**
 * Takes one attempt on each key in a single statement. Returns 0 when every key let it through,
 * else the seconds until the longest lock that refused it ends.
 */
async function take(db: Executor, keys: { key: string; limit: Limit }[]): Promise<number> {
	const now = Date.now();
	const locked = sql<boolean>`sign_in_throttle.locked_until > ${now}`;
	const stale = sql<boolean>`sign_in_throttle.updated_at < ${now - WINDOW_MS}`;
	const next = sql<number>`case when ${stale} then 1 else sign_in_throttle.failures + 1 end`;
	// 30 s doubled per attempt past the free ones, up to the key's own longest lock.
	const lockEnd = sql<number>`case when ${next} > excluded.free_failures
		then ${now} + min(excluded.max_lock_ms,
			${FIRST_LOCK_MS} << min(${next} - excluded.free_failures - 1, 10))
		else 0 end`;
	const rows = await db
		.insertInto('sign_in_throttle')
		.values(
			keys.map(({ key, limit }) => ({
				key,
				failures: 1,
				free_failures: limit.free,
				max_lock_ms: limit.maxLockMs,
				locked_until: 0,
				updated_at: now,
				allowed: 1
			}))
		)
		.onConflict((oc) =>
			oc.column('key').doUpdateSet({
				failures: sql`case when ${locked} then sign_in_throttle.failures else ${next} end`,
				locked_until: sql`case when ${locked} then sign_in_throttle.locked_until else ${lockEnd} end`,
				updated_at: sql`case when ${locked} then sign_in_throttle.updated_at else ${now} end`,
				free_failures: sql`excluded.free_failures`,
				max_lock_ms: sql`excluded.max_lock_ms`,
				allowed: sql`case when ${locked} then 0 else 1 end`
			})
		)
		.returning(['allowed', 'locked_until'])
		.execute();
	const refused = rows.filter((r) => !r.allowed);
	if (refused.length === 0) {
		return 0;
	}
	const wait = Math.max(...refused.map((r) => r.locked_until - now));
	return Math.max(1, Math.ceil(wait / 1000));
}

/**
 * Takes this attempt for the address (with the address + account pair), then, only if those let
 * it through, for the account. Returns the seconds to wait, or 0 when the password may be checked.
 */
export async function takeAttempt(db: Executor, keys: ThrottleKeys): Promise<number> {
	const local = await take(db, [
		{ key: keys.pair, limit: LIMITS.pair },
		{ key: keys.address, limit: LIMITS.address }
	]);
	if (local > 0) {
		return local;
	}
	return take(db, [{ key: keys.account, limit: LIMITS.account }]);
}

/** A right password: the account's keys start afresh and the address gets its attempt back. */
export async function clearAttempts(db: Executor, keys: ThrottleKeys): Promise<void> {
	const now = Date.now();
	await db
		.deleteFrom('sign_in_throttle')
		.where((eb) =>
			eb.or([
				eb('key', 'in', [keys.pair, keys.account]),
				eb.and([eb('updated_at', '<', now - DAY), eb('locked_until', '<', now)])
			])
		)
		.execute();
	await db
		.updateTable('sign_in_throttle')
		.set({ failures: sql`max(failures - 1, 0)` })
		.where('key', '=', keys.address)
		.where('locked_until', '<=', now)
		.execute();
}
