import type { Executor } from '../db';
import { MINUTE } from '../time';
import * as repo from './repository';

// Someone guessing RSVP tokens (or a calendar feed's) from one address is slowed, then stopped
// for a while. Guests who mistype once or twice notice nothing. Every count is one atomic
// statement (repository's hitThrottle), so a parallel burst is counted hit by hit.

export const THROTTLE_WINDOW = 15 * MINUTE;
const FREE_FAILURES = 10;
const BLOCK_AFTER = 50;
const MAX_DELAY = 8_000;

/** A guest may change their answer this often per window; more waits for the window to pass. */
export const ANSWER_CHANGES_PER_WINDOW = 5;
export const ANSWER_WINDOW = MINUTE;

/** Throttle keys: wrong RSVP tokens count per address as they always did; others are scoped. */
export const throttleKeys = {
	rsvpGuess: (address: string) => address,
	feedGuess: (address: string) => `feed:${address}`,
	answerChange: (inviteeId: number) => `answer:${inviteeId}`,
	materialDownload: (address: string) => `materials:${address}`,
	feedRequest: (address: string) => `feed-requests:${address}`
};

/**
 * Requests a token-guarded download may make from one address per THROTTLE_WINDOW, right token or
 * not: materials (files up to 20 MB) enough for a guest fetching every file several times; the
 * calendar feed enough for a whole office behind one address polling every few minutes. Neither
 * is enough to pull files in a loop.
 */
export const DOWNLOADS_PER_WINDOW = { materials: 120, feed: 600 } as const;

/** Counts one download request from an address; false when the address is over its share. */
export async function allowDownload(
	db: Executor,
	key: string,
	limit: number,
	now = Date.now()
): Promise<boolean> {
	const hits = await repo.hitThrottle(
		db,
		key,
		new Date(now).toISOString(),
		new Date(now - THROTTLE_WINDOW).toISOString()
	);
	return hits <= limit;
}

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

/** The state a key has earned so far (a read: for refusing early, never for counting). */
export async function throttleState(
	db: Executor,
	key: string,
	now = Date.now()
): Promise<ThrottleState> {
	return stateFor(failuresInWindow(await repo.findThrottle(db, key), now));
}

/** Counts one wrong guess, atomically, and returns the state including it. */
export async function recordTokenFailure(
	db: Executor,
	key: string,
	now = Date.now()
): Promise<ThrottleState> {
	const failures = await repo.hitThrottle(
		db,
		key,
		new Date(now).toISOString(),
		new Date(now - THROTTLE_WINDOW).toISOString()
	);
	// The state the address had before this guess: the first FREE_FAILURES go unslowed.
	return stateFor(failures - 1);
}

/** Counts one change of answer; false when the invitee changed too often in the window. */
export async function allowAnswerChange(
	db: Executor,
	inviteeId: number,
	now = Date.now()
): Promise<boolean> {
	const changes = await repo.hitThrottle(
		db,
		throttleKeys.answerChange(inviteeId),
		new Date(now).toISOString(),
		new Date(now - ANSWER_WINDOW).toISOString()
	);
	return changes <= ANSWER_CHANGES_PER_WINDOW;
}
