import { error } from '@sveltejs/kit';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { loadRsvp, submitAnswer, ThrottledError, type RsvpAnswer, type RsvpView } from './service';
import { recordTokenFailure, throttleState } from './throttle';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one way guest routes open a token: throttled per address, and every refusal is the same
 * plain 404, so a guess learns nothing.
 */
export async function openGuestToken(db: Db, token: string, address: string): Promise<RsvpView> {
	let view: RsvpView;
	try {
		// The address's throttle state comes with the token's row (one statement, not two).
		view = await loadRsvp(db, token, Date.now(), { address });
	} catch (err) {
		if (err instanceof NotFoundError) {
			await applyThrottle(db, address);
			return refuseToken(db, address);
		}
		throw err;
	}
	if (view.throttle.blocked) {
		error(429, 'Too many attempts');
	}
	if (view.throttle.delayMs > 0) {
		await sleep(view.throttle.delayMs);
	}
	return view;
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

/**
 * A guest's answer from an address: the throttle is read in the same statement as the token
 * (one read, not two). A throttled address is refused or made to wait outside the transaction,
 * then answered; a wrong token is throttled and refused like any other.
 */
export async function answerAsGuest(
	db: Db,
	token: string,
	input: RsvpAnswer,
	address: string
): ReturnType<typeof submitAnswer> {
	try {
		try {
			return await submitAnswer(db, token, input, Date.now(), { address });
		} catch (err) {
			if (!(err instanceof ThrottledError)) {
				throw err;
			}
			if (err.state.blocked) {
				error(429, 'Too many attempts');
			}
			await sleep(err.state.delayMs);
			return await submitAnswer(db, token, input);
		}
	} catch (err) {
		if (err instanceof NotFoundError) {
			await applyThrottle(db, address);
			return refuseToken(db, address);
		}
		throw err;
	}
}
