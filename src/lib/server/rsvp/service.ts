import { detailIn } from '$lib/domain/details';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Db, Executor } from '../db';
import type { Gathering, Locale } from '../db/schema';
import { DomainError, NotFoundError } from '../errors';
import { cancelSettling, enqueueMessage, enqueueSettling } from '../mail/outbox';
import { MINUTE, nowIso } from '../time';
import { config } from '../config';
import { text } from '../text';
import type * as invitations from '../invitations/repository';
import { renderConfirmationEmail, type ConfirmationInput } from '../invitations/render';
import {
	linkForEmail,
	personalIcsUrl,
	recipientOf,
	rsvpUrl,
	senderOf,
	type SenderFallback
} from '../invitations/mailing';
import { renderPersonalIcs } from '../calendar/ics';
import { getBrand } from '../settings/service';
import * as repo from './repository';
import { companionNames } from '../gatherings/companions';
import { replaceCompanions, type CompanionRow } from '../gatherings/companions-repository';
import { NAME_LIST_SEPARATORS, splitNameList, type CompanionInput } from '$lib/domain/companions';
import { renderGuestMessageNotice } from '../gatherings/notices';
import { inGroupTransaction } from './group-commit';
import {
	allowAnswerChange,
	ANSWER_WINDOW,
	stateFor,
	failuresInWindow,
	type ThrottleState
} from './throttle';
import { LINK_LIFETIME_AFTER_END, placeholderFor } from './links';

export class RsvpClosedError extends DomainError {
	constructor() {
		super('rsvp_error_closed', {}, 409);
	}
}

/** A draft gathering: its links work, answers wait until staff open it. */
export class RsvpNotOpenYetError extends DomainError {
	constructor() {
		super('rsvp_error_not_open_yet', {}, 409);
	}
}

/** Too many changes of answer in a short time; the answer sent is not lost, only not taken yet. */
export class AnswerTooOftenError extends DomainError {
	constructor() {
		super('rsvp_error_too_often', { minutes: ANSWER_WINDOW / MINUTE }, 429);
	}
}

export const TOUR_LANGUAGES = ['zh', 'en'] as const;

const companionEntry = z.union([
	// A bare name, as older forms and the benchmark post it.
	text(100).transform((name) => ({ name, name_latin: '', dietary: '' })),
	z.object({
		name: text(100),
		name_latin: text(100).default(''),
		dietary: text(200).default('')
	})
]);

export const rsvpAnswerSchema = z.object({
	answer: z.enum(['accepted', 'declined'], { message: 'rsvp_error_choose' }),
	// Each companion is one entry; rows left empty on the page are dropped.
	companions: z
		.array(companionEntry)
		.max(50, 'error_too_long')
		.transform((list) => list.filter((c) => c.name || c.name_latin || c.dietary)),
	dietary: text(500),
	tour_language: z.enum(['', ...TOUR_LANGUAGES], { message: 'error_choice' }),
	arrival_details: text(500),
	message_to_host: text(2000, { multiline: true })
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
	/** Not open yet (draft), open for answers, or no longer taking them (closed, done, past). */
	phase: 'not_open_yet' | 'open' | 'closed';
	/** The nonce behind this link, for the link in the confirmation email. */
	linkNonce: string | null;
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

/** Guests answer only while the gathering is open, before it ends and before the deadline. */
export function isOpen(g: Gathering, now = Date.now()): boolean {
	if (g.status !== 'open') {
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
			? await repo.findTokenContext(
					db,
					tokenHash(token),
					options.address ?? null,
					new Date(now - LINK_LIFETIME_AFTER_END).toISOString()
				)
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
		phase:
			gathering.status === 'draft' ? 'not_open_yet' : isOpen(gathering, now) ? 'open' : 'closed',
		linkNonce: found.linkNonce,
		materials: withMaterials ? await repo.listMaterials(db, gathering.id) : [],
		fallback: gathering.host_name
			? {
					zh: gathering.host_name,
					en: detailIn(gathering, 'host_name', 'en'),
					email: gathering.host_email
				}
			: companyFallback(found, gathering),
		throttle: stateFor(failuresInWindow(found.throttle, now)),
		ownerLocale: found.ownerLocale === 'en' ? 'en' : 'zh-CN'
	};
}

/** As invitations/mailing's senderFallback with the settings read in the token's statement. */
function companyFallback(found: repo.TokenContext, g: Gathering): SenderFallback {
	const zh = found.companyName || found.companyNameEn || '';
	const en = found.companyNameEn || zh;
	return { zh, en, email: g.host_email };
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
 * A guest's answer through their link (source link). Until the deadline it can change, a few
 * times a minute at most; the confirmation waits a few minutes for the answer to settle
 * and states the last one (one email per settled answer, never a burst).
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
		if (view.phase === 'not_open_yet') {
			throw new RsvpNotOpenYetError();
		}
		if (!view.open) {
			throw new RsvpClosedError();
		}
		const companions = input.answer === 'accepted' ? input.companions : [];
		checkCompanions(companions, g.companions_allowed);
		if (unchanged(view, input, companions)) {
			return { status: input.answer, changed: false };
		}
		// Counted in this savepoint: a refused change rolls its count back with it.
		if (!(await allowAnswerChange(trx, view.inviteeId, now))) {
			throw new AnswerTooOftenError();
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
			const placeholder = view.linkNonce
				? placeholderFor(view.linkNonce)
				: await linkForEmail(trx, view.inviteeId, updatedAt);
			await enqueueConfirmation(
				trx,
				{
					gathering: g,
					recipient,
					sender: senderOf(row, view.fallback, recipient.locale),
					rsvpUrl: rsvpUrl(placeholder),
					icsUrl: personalIcsUrl(placeholder),
					accepted: input.answer === 'accepted',
					companions: companionNames(companions),
					brand
				},
				now
			);
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

/**
 * The confirmation of an answer (by link, phone or staff), keyed per invitee: it waits
 * config.confirmationDelayMs (3 minutes) and is replaced by a newer answer's until then.
 */
export async function enqueueConfirmation(
	db: Executor,
	input: ConfirmationInput,
	now = Date.now()
): Promise<number> {
	const mail = renderConfirmationEmail(input);
	return enqueueSettling(
		db,
		{ ...mail, dedupeKey: confirmationKey(input.recipient.inviteeId) },
		new Date(now + config.confirmationDelayMs).toISOString()
	);
}

function confirmationKey(inviteeId: number): string {
	return `rsvp-confirmation:${inviteeId}`;
}

/**
 * An answer changed with no confirmation to follow (cleared, set without emailing, the guest
 * removed): a confirmation still waiting would contradict it, so it is dropped.
 */
export async function cancelConfirmation(db: Executor, inviteeId: number): Promise<void> {
	await cancelSettling(db, confirmationKey(inviteeId));
}
