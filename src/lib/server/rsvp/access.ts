import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { loadRsvp, submitAnswer, ThrottledError, type RsvpAnswer, type RsvpView } from './service';
import { getMaterialForGuest, type MaterialFile } from '../materials/service';
import { feedFor } from '../calendar/feed';
import { agendaPdfForGuest } from '../program/pdfs';
import {
	allowDownload,
	DOWNLOADS_PER_WINDOW,
	recordTokenFailure,
	throttleKeys,
	throttleState,
	type ThrottleState
} from './throttle';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function obey(state: ThrottleState): Promise<void> {
	if (state.blocked) {
		error(429, m.security_error_too_many_attempts());
	}
	if (state.delayMs > 0) {
		await sleep(state.delayMs);
	}
}

// Every public route guarded by a token (RSVP page and answer, materials, calendar feed) opens
// it here: wrong tokens are counted per address and slowed, then refused, in one atomic
// statement each; downloads are also capped per address.

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
			return refuseGuess(db, throttleKeys.rsvpGuess(address));
		}
		throw err;
	}
	await obey(view.throttle);
	return view;
}

/** Refuses (429) a key that has guessed too much lately, before any lookup is made. */
export async function refuseIfBlocked(db: Db, key: string): Promise<void> {
	const state = await throttleState(db, key);
	if (state.blocked) {
		error(429, m.security_error_too_many_attempts());
	}
}

/**
 * A wrong token (RSVP, materials, calendar feed): counted in one atomic statement, then slowed or
 * refused by the count including it, then the same plain 404 as any other.
 */
export async function refuseGuess(db: Db, key: string): Promise<never> {
	await obey(await recordTokenFailure(db, key));
	error(404, m.error_not_found());
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
			await obey(err.state);
			return await submitAnswer(db, token, input);
		}
	} catch (err) {
		if (err instanceof NotFoundError) {
			return refuseGuess(db, throttleKeys.rsvpGuess(address));
		}
		throw err;
	}
}

/**
 * A guest's download behind their link (a material, the agenda PDF): counted per address, and
 * any refusal is the same plain 404.
 */
async function guestDownload<T>(db: Db, address: string, load: () => Promise<T>): Promise<T> {
	await refuseIfBlocked(db, throttleKeys.rsvpGuess(address));
	const key = throttleKeys.materialDownload(address);
	if (!(await allowDownload(db, key, DOWNLOADS_PER_WINDOW.materials))) {
		error(429, m.security_error_too_many_downloads());
	}
	try {
		return await load();
	} catch (err) {
		if (err instanceof NotFoundError) {
			return refuseGuess(db, throttleKeys.rsvpGuess(address));
		}
		throw err;
	}
}

/** A guest's material download behind their link. */
export function materialForGuest(
	db: Db,
	token: string,
	materialId: number,
	address: string
): Promise<MaterialFile> {
	return guestDownload(db, address, () => getMaterialForGuest(db, token, materialId));
}

/** The agenda PDF in an accepted guest's materials. */
export function agendaForGuest(db: Db, token: string, address: string): Promise<Buffer> {
	return guestDownload(db, address, () => agendaPdfForGuest(db, token));
}

/** A staff member's calendar feed behind its private link, throttled like a guest's link. */
export async function feedForAddress(db: Db, token: string, address: string): Promise<string> {
	await refuseIfBlocked(db, throttleKeys.feedGuess(address));
	if (!(await allowDownload(db, throttleKeys.feedRequest(address), DOWNLOADS_PER_WINDOW.feed))) {
		error(429, m.security_error_too_many_requests());
	}
	try {
		return await feedFor(db, token);
	} catch (err) {
		if (err instanceof NotFoundError) {
			return refuseGuess(db, throttleKeys.feedGuess(address));
		}
		throw err;
	}
}
