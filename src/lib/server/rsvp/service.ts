import { detailIn } from '$lib/domain/details';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Db, Executor } from '../db';
import type { Gathering, Locale } from '../db/schema';
import { DomainError, NotFoundError } from '../errors';
import { enqueueMessage } from '../mail/outbox';
import { nowIso } from '../time';
import type * as invitations from '../invitations/repository';
import { renderConfirmationEmail } from '../invitations/render';
import {
	personalIcsUrl,
	recipientOf,
	rsvpUrl,
	senderOf,
	type SenderFallback
} from '../invitations/mailing';
import { renderPersonalIcs } from '../calendar/ics';
import { getBrand } from '../settings/service';
import * as repo from './repository';
import { inGroupTransaction } from './group-commit';
import { stateFor, failuresInWindow, type ThrottleState } from './throttle';

export class RsvpClosedError extends DomainError {
	constructor() {
		super('rsvp_error_closed', {}, 409);
	}
}

export const TOUR_LANGUAGES = ['zh', 'en'] as const;

export const rsvpAnswerSchema = z.object({
	answer: z.enum(['accepted', 'declined'], { message: 'rsvp_error_choose' }),
	companions: z
		.array(z.string().trim().max(100, 'error_too_long'))
		.transform((names) => names.filter(Boolean)),
	dietary: z.string().trim().max(500, 'error_too_long'),
	tour_language: z.enum(['', ...TOUR_LANGUAGES], { message: 'error_choice' }),
	arrival_details: z.string().trim().max(500, 'error_too_long'),
	message_to_host: z.string().trim().max(2000, 'error_too_long')
});
export type RsvpAnswer = z.infer<typeof rsvpAnswerSchema>;

export class TooManyCompanionsError extends DomainError {
	constructor(allowed: number) {
		super('rsvp_error_companions', { allowed }, 400);
	}
}

/** Everything one guest's page shows: their own gathering and answer, nobody else's. */
export interface RsvpView {
	inviteeId: number;
	/** Who the guest is and who writes to them (their own row only). */
	row: invitations.InviteeRow;
	gathering: Gathering;
	name: string;
	salutation: string | null;
	locale: Locale;
	answer: repo.StoredAnswer;
	companionNames: string[];
	open: boolean;
	materials: { id: number; filename: string; size: number }[];
	/** Who writes to the guest when nobody manages their account (host, else the company). */
	fallback: SenderFallback;
	/** The asking address's throttle state, when an address was given. */
	throttle: ThrottleState;
}

/** Refusal or delay the asking address has earned; the caller waits or answers 429, then retries. */
export class ThrottledError extends Error {
	constructor(readonly state: ThrottleState) {
		super('throttled');
	}
}

/** Same hex SHA-256 as auth/tokens' hashToken, from node's native hash (cheaper per request). */
function tokenHash(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export function isOpen(g: Gathering, now = Date.now()): boolean {
	if (g.status === 'closed' || g.status === 'done') {
		return false;
	}
	if (Date.parse(g.ends_at) < now) {
		return false;
	}
	return !g.rsvp_deadline || Date.parse(g.rsvp_deadline) > now;
}

function parseNames(json: string): string[] {
	try {
		const value: unknown = JSON.parse(json);
		return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
	} catch {
		return [];
	}
}

/**
 * The guest's view behind a token; NotFoundError for a wrong, revoked or tampered one. With
 * `address`, that address's throttle state is read in the same statement.
 */
export async function loadRsvp(
	db: Executor,
	token: string,
	now = Date.now(),
	options: { materials?: boolean; address?: string } = {}
): Promise<RsvpView> {
	const found =
		token.length <= 100
			? await repo.findTokenContext(db, tokenHash(token), options.address ?? null)
			: undefined;
	if (!found) {
		throw new NotFoundError();
	}
	const { gathering, row, answer } = found;
	const withMaterials = options.materials !== false && answer.status === 'accepted';
	return {
		inviteeId: row.id,
		row,
		gathering,
		name: row.name ?? '',
		salutation: row.salutation,
		locale: row.locale === 'en' ? 'en' : 'zh-CN',
		answer,
		companionNames: parseNames(answer.companion_names),
		open: isOpen(gathering, now),
		materials: withMaterials ? await repo.listMaterials(db, gathering.id) : [],
		fallback: gathering.host_name
			? {
					zh: gathering.host_name,
					en: detailIn(gathering, 'host_name', 'en'),
					email: gathering.host_email
				}
			: companyFallback(found, gathering),
		throttle: stateFor(failuresInWindow(found.throttle, now))
	};
}

/** As invitations/mailing's senderFallback with the settings read in the token's statement. */
function companyFallback(found: repo.TokenContext, g: Gathering): SenderFallback {
	const zh = found.companyName || found.companyNameEn || '';
	const en = found.companyNameEn || zh;
	return { zh, en, email: g.host_email };
}

function unchanged(view: RsvpView, input: RsvpAnswer, names: string[]): boolean {
	const a = view.answer;
	return (
		a.status === input.answer &&
		a.answer_source === 'link' &&
		JSON.stringify(view.companionNames) === JSON.stringify(names) &&
		(a.dietary ?? '') === input.dietary &&
		(a.tour_language ?? '') === input.tour_language &&
		(a.arrival_details ?? '') === input.arrival_details &&
		(a.message_to_host ?? '') === input.message_to_host
	);
}

/**
 * A guest's answer through their link (source link). Until the deadline it can change; the
 * confirmation email is keyed by the answer's time, so a double submit sends one.
 */
export async function submitAnswer(
	db: Db,
	token: string,
	input: RsvpAnswer,
	now = Date.now(),
	options: { address?: string } = {}
): Promise<{ status: 'accepted' | 'declined'; changed: boolean }> {
	// Read before the transaction (kept in memory after the first answer): the database has
	// one connection, and the transaction holds it.
	const brand = await getBrand(db);
	return inGroupTransaction(db, async (trx) => {
		const view = await loadRsvp(trx, token, now, { materials: false, address: options.address });
		if (view.throttle.blocked || view.throttle.delayMs > 0) {
			// Nothing written yet: roll back, so the caller can wait outside the transaction.
			throw new ThrottledError(view.throttle);
		}
		const g = view.gathering;
		if (!view.open) {
			throw new RsvpClosedError();
		}
		const names = input.answer === 'accepted' ? input.companions : [];
		if (names.length > g.companions_allowed) {
			throw new TooManyCompanionsError(g.companions_allowed);
		}
		if (unchanged(view, input, names)) {
			return { status: input.answer, changed: false };
		}
		const at = new Date(now).toISOString();
		const updatedAt = nowIso();
		await repo.updateAnswer(trx, g.id, view.inviteeId, {
			status: input.answer,
			answer_source: 'link',
			answered_at: at,
			companions_count: names.length,
			companion_names: JSON.stringify(names),
			dietary: input.dietary || null,
			tour_language: input.tour_language || null,
			arrival_details: input.arrival_details || null,
			message_to_host: input.message_to_host || null,
			updated_at: updatedAt
		});
		const row = view.row;
		await repo.insertAnswerActivity(trx, {
			at: updatedAt,
			inviteeId: view.inviteeId,
			accountId: row.account_id,
			gatheringId: g.id,
			details: {
				name: view.name,
				status: input.answer,
				source: 'link',
				previous: view.answer.status,
				companions: names.length
			}
		});
		const recipient = recipientOf(row);
		if (recipient) {
			const mail = renderConfirmationEmail({
				gathering: g,
				recipient,
				sender: senderOf(row, view.fallback, recipient.locale),
				rsvpUrl: rsvpUrl(token),
				icsUrl: personalIcsUrl(token),
				accepted: input.answer === 'accepted',
				companions: names,
				brand
			});
			await enqueueMessage(trx, { ...mail, dedupeKey: `rsvp:${view.inviteeId}:${at}` });
		}
		return { status: input.answer, changed: true };
	});
}

/** The guest's personal .ics behind their token. */
export async function personalIcs(db: Db, token: string, locale?: Locale): Promise<string> {
	const view = await loadRsvp(db, token);
	return renderPersonalIcs(view.gathering, view.inviteeId, locale ?? view.locale, rsvpUrl(token));
}
