import type { Executor } from '../db';
import { MINUTE, nowIso } from '../time';
import * as repo from './repository';

// Someone guessing RSVP tokens from one address is slowed, then stopped for a while. Guests who
// mistype once or twice notice nothing.

export const THROTTLE_WINDOW = 15 * MINUTE;
const FREE_FAILURES = 10;
const BLOCK_AFTER = 50;
const MAX_DELAY = 8_000;

export interface ThrottleState {
	/** Wait this long before answering this address. */
	delayMs: number;
	/** Refuse outright (429) until the window ends. */
	blocked: boolean;
}

export function failuresInWindow(
	row: { failures: number; window_start: string } | undefined,
	now: number
): number {
	if (!row || now - Date.parse(row.window_start) > THROTTLE_WINDOW) {
		return 0;
	}
	return row.failures;
}

export function stateFor(failures: number): ThrottleState {
	if (failures >= BLOCK_AFTER) {
		return { delayMs: 0, blocked: true };
	}
	const over = failures - FREE_FAILURES;
	return { delayMs: over < 0 ? 0 : Math.min(MAX_DELAY, 250 * 2 ** over), blocked: false };
}

export async function throttleState(
	db: Executor,
	address: string,
	now = Date.now()
): Promise<ThrottleState> {
	return stateFor(failuresInWindow(await repo.findThrottle(db, address), now));
}

export async function recordTokenFailure(
	db: Executor,
	address: string,
	now = Date.now()
): Promise<void> {
	const row = await repo.findThrottle(db, address);
	const failures = failuresInWindow(row, now);
	const windowStart =
		failures === 0 ? new Date(now).toISOString() : (row?.window_start ?? nowIso());
	await repo.saveThrottle(db, address, failures + 1, windowStart);
}
