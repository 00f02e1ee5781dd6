import { error } from '@sveltejs/kit';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { loadRsvp, type RsvpView } from './service';
import { recordTokenFailure, throttleState } from './throttle';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one way guest routes open a token: throttled per address, and every refusal is the same
 * plain 404, so a guess learns nothing.
 */
export async function openGuestToken(db: Db, token: string, address: string): Promise<RsvpView> {
	await applyThrottle(db, address);
	try {
		return await loadRsvp(db, token);
	} catch (err) {
		if (err instanceof NotFoundError) {
			await recordTokenFailure(db, address);
			error(404, 'Not found');
		}
		throw err;
	}
}

/** Refuses (429) or slows an address that has guessed too many tokens lately. */
export async function applyThrottle(db: Db, address: string): Promise<void> {
	const state = await throttleState(db, address);
	if (state.blocked) {
		error(429, 'Too many attempts');
	}
	if (state.delayMs > 0) {
		await sleep(state.delayMs);
	}
}

/** Same refusal for a failure found later (a service throwing NotFoundError). */
export async function refuseToken(db: Db, address: string): Promise<never> {
	await recordTokenFailure(db, address);
	error(404, 'Not found');
}
