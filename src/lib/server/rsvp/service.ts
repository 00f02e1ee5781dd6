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
import { defaultSettings } from '../settings/service';
import { config } from '../config';
import * as repo from './repository';
import { replaceCompanions, type CompanionRow } from '../gatherings/companions';
import { NAME_LIST_SEPARATORS, splitNameList, type CompanionInput } from '$lib/domain/companions';
import { renderGuestMessageNotice } from '../gatherings/notices';
import { inGroupTransaction } from './group-commit';
import { stateFor, failuresInWindow, type ThrottleState } from './throttle';

export class RsvpClosedError extends DomainError {
	constructor() {
		super('rsvp_error_closed', {}, 409);
	}
}

export const TOUR_LANGUAGES = ['zh', 'en'] as const;

const companionEntry = z.union([
	// A bare name, as older forms and the benchmark post it.
	z
		.string()
		.trim()
		.max(100, 'error_too_long')
		.transform((name) => ({ name, name_latin: '', dietary: '' })),
	z.object({
		name: z.string().trim().max(100, 'error_too_long'),
		name_latin: z.string().trim().max(100, 'error_too_long').default(''),
		dietary: z.string().trim().max(200, 'error_too_long').default('')
	})
]);

export const rsvpAnswerSchema = z.object({
	answer: z.enum(['accepted', 'declined'], { message: 'rsvp_error_choose' }),
	// Each companion is one entry; rows left empty on the page are dropped.
	companions: z
		.array(companionEntry)
		.max(50, 'error_too_long')
		.transform((list) => list.filter((c) => c.name || c.name_latin || c.dietary)),
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

/** "张三、李四" in one entry is two people: each companion needs their own entry (and badge). */
export class CompanionNotOnePersonError extends DomainError {
	constructor() {
		super('guests_error_companion_one_person', {}, 400);
	}
}

export class CompanionNameMissingError extends DomainError {
	constructor() {
		super('guests_error_companion_name', {}, 400);
	}
}

/** Refuses companion entries that are not exactly one named person each, and too many. */
export function checkCompanions(list: readonly CompanionInput[], allowed: number): void {
	const people = list.reduce((n, c) => n + Math.max(1, splitNameList(c.name).length), 0);
	if (people > allowed) {
		throw new TooManyCompanionsError(allowed);
	}
	if (list.some((c) => NAME_LIST_SEPARATORS.test(c.name))) {
		throw new CompanionNotOnePersonError();
	}
	if (list.some((c) => !c.name && !c.name_latin)) {
		throw new CompanionNameMissingError();
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
	companions: CompanionRow[];
	open: boolean;
	materials: { id: number; filename: string; size: number }[];
	/** Who writes to the guest when nobody manages their account (host, else the company). */
	fallback: SenderFallback;
	/** The asking address's throttle state, when an address was given. */
	throttle: ThrottleState;
	/** The account manager's language, for the notice of a guest's message. */
	ownerLocale: Locale;
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
		companions: found.companions,
		open: isOpen(gathering, now),
		materials: withMaterials ? await repo.listMaterials(db, gathering.id) : [],
		fallback: gathering.host_name
			? { zh: gathering.host_name, en: gathering.host_name, email: gathering.host_email }
			: companyFallback(found, gathering),
		throttle: stateFor(failuresInWindow(found.throttle, now)),
		ownerLocale: found.ownerLocale === 'en' ? 'en' : 'zh-CN'
	};
}

/** As invitations/mailing's senderFallback with the settings read in the token's statement. */
function companyFallback(found: repo.TokenContext, g: Gathering): SenderFallback {
	const zh = found.companyName ?? defaultSettings.company_name;
	const en = found.companyNameEn ?? defaultSettings.company_name_en;
	return { zh, en: en || zh, email: g.host_email };
}

const companionKey = (list: readonly CompanionInput[]) =>
	JSON.stringify(list.map((c) => [c.name, c.name_latin ?? '', c.dietary ?? '']));

function storedCompanions(view: RsvpView): CompanionInput[] {
	return view.companions.map((c) => ({
		name: c.name,
		name_latin: c.name_latin ?? '',
		dietary: c.dietary ?? ''
	}));
}

function unchanged(view: RsvpView, input: RsvpAnswer, companions: CompanionInput[]): boolean {
	const a = view.answer;
	return (
		a.status === input.answer &&
		a.answer_source === 'link' &&
		companionKey(storedCompanions(view)) === companionKey(companions) &&
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
		const companions = input.answer === 'accepted' ? input.companions : [];
		checkCompanions(companions, g.companions_allowed);
		if (unchanged(view, input, companions)) {
			return { status: input.answer, changed: false };
		}
		const at = new Date(now).toISOString();
		const updatedAt = nowIso();
		await repo.updateAnswer(trx, g.id, view.inviteeId, {
			status: input.answer,
			answer_source: 'link',
			answered_at: at,
			dietary: input.dietary || null,
			tour_language: input.tour_language || null,
			arrival_details: input.arrival_details || null,
			message_to_host: input.message_to_host || null,
			updated_at: updatedAt
		});
		if (companionKey(storedCompanions(view)) !== companionKey(companions)) {
			await replaceCompanions(trx, g.id, view.inviteeId, companions, updatedAt);
		}
		const row = view.row;
		const names = companions.map((c) => c.name || c.name_latin);
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
				companions: companions.length
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
				companions: names
			});
			await enqueueMessage(trx, { ...mail, dedupeKey: `rsvp:${view.inviteeId}:${at}` });
		}
		if (input.message_to_host && input.message_to_host !== (view.answer.message_to_host ?? '')) {
			await notifyManagerOfMessage(trx, view, input.message_to_host);
		}
		return { status: input.answer, changed: true };
	});
}

/**
 * One email to the guest's account manager per message the guest writes (keyed by the message
 * text, so a double submit or an unchanged message sends nothing more).
 */
async function notifyManagerOfMessage(trx: Executor, view: RsvpView, message: string) {
	const row = view.row;
	const to = row.owner_email ?? view.fallback.email;
	if (!to) {
		return;
	}
	const digest = createHash('sha256').update(message).digest('hex').slice(0, 16);
	const mail = renderGuestMessageNotice({
		gathering: view.gathering,
		guestName: view.name,
		accountName: row.account_name,
		message,
		to: { address: to, name: row.owner_name },
		locale: view.ownerLocale,
		staffUrl: `${config.publicBaseUrl}/gatherings/${view.gathering.id}/guests?person=${view.inviteeId}`
	});
	await enqueueMessage(trx, { ...mail, dedupeKey: `guest_message:${view.inviteeId}:${digest}` });
}

/** The guest's personal .ics behind their token. */
export async function personalIcs(db: Db, token: string, locale?: Locale): Promise<string> {
	const view = await loadRsvp(db, token);
	return renderPersonalIcs(view.gathering, view.inviteeId, locale ?? view.locale, rsvpUrl(token));
}
