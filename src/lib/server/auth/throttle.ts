import type { Executor } from '../db';
import { MINUTE } from '../time';
import * as repo from './repository';

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
	const rows = await repo.takeThrottleAttempts(
		db,
		keys.map(({ key, limit }) => ({ key, free: limit.free, maxLockMs: limit.maxLockMs })),
		now,
		WINDOW_MS,
		FIRST_LOCK_MS
	);
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
	await repo.deleteThrottleKeys(db, [keys.pair, keys.account]);
	await repo.forgiveThrottleFailure(db, keys.address, Date.now());
	await pruneSignInThrottle(db);
}

/**
 * Deletes the rows of ended windows (no attempt for WINDOW_MS, no lock running): they count the
 * same as no row, and without this every address ever seen would keep one. Run by the hourly
 * clean-up in background.ts. Returns how many rows went.
 */
export async function pruneSignInThrottle(db: Executor): Promise<number> {
	const now = Date.now();
	return repo.deleteEndedThrottleWindows(db, now - WINDOW_MS, now);
}
