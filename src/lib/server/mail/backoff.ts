import { HOUR } from '../time';

export interface BackoffOptions {
	/** First retry after about this long; each further one waits twice as long. */
	baseMs: number;
	maxMs: number;
	/** After this many attempts a temporary failure becomes `failed` (staff can retry it). */
	maxAttempts: number;
}

// About a day of retries (30 s, 1 min, 2 min … capped at an hour) before giving up.
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 30_000, maxMs: HOUR, maxAttempts: 30 };

/** Exponential back-off with "equal jitter": half the delay fixed, half random. */
export function retryDelay(
	attempts: number,
	backoff: BackoffOptions,
	random = Math.random
): number {
	const exp = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempts - 1));
	return Math.round(exp / 2 + (random() * exp) / 2);
}
