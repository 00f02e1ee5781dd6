import { z } from 'zod';
import type { Db, Executor } from '../db';
import type { Gathering, Locale } from '../db/schema';
import { hashToken } from '../auth/tokens';
import { DomainError, NotFoundError } from '../errors';
import { enqueueMessage, wakeMailWorker } from '../mail/outbox';
import { recordActivity } from '../activity/repository';
import { nowIso } from '../time';
import * as invitations from '../invitations/repository';
import { renderConfirmationEmail } from '../invitations/render';
import {
	personalIcsUrl,
	recipientOf,
	rsvpUrl,
	senderFallback,
	senderOf
} from '../invitations/mailing';
import { renderPersonalIcs } from '../calendar/ics';
import * as repo from './repository';

const NO_FALLBACK = { zh: '', en: '', email: null };

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
	answer: Omit<
		NonNullable<Awaited<ReturnType<typeof repo.findByTokenHash>>>,
		'invitee_id' | 'gathering_id'
	>;
	companionNames: string[];
	open: boolean;
	materials: { id: number; filename: string; size: number }[];
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

/** The guest's view behind a token; NotFoundError for a wrong, revoked or tampered one. */
export async function loadRsvp(
	db: Executor,
	token: string,
	now = Date.now(),
	options: { materials?: boolean } = {}
): Promise<RsvpView> {
	const found = token.length <= 100 ? await repo.findByTokenHash(db, hashToken(token)) : undefined;
	if (!found) {
		throw new NotFoundError();
	}
	const gathering = await invitations.findGathering(db, found.gathering_id);
	const [row] = await invitations.listInviteesByIds(db, found.gathering_id, [found.invitee_id]);
	if (!gathering || !row) {
		throw new NotFoundError();
	}
	const { invitee_id: _id, gathering_id: _gid, ...answer } = found;
	const withMaterials = options.materials !== false && answer.status === 'accepted';
	return {
		inviteeId: found.invitee_id,
		row,
		gathering,
		name: row.name ?? '',
		salutation: row.salutation,
		locale: row.locale === 'en' ? 'en' : 'zh-CN',
		answer,
		companionNames: parseNames(answer.companion_names),
		open: isOpen(gathering, now),
		materials: withMaterials ? await repo.listMaterials(db, found.gathering_id) : []
	};
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
	now = Date.now()
): Promise<{ status: 'accepted' | 'declined'; changed: boolean }> {
	const result = await db.transaction().execute(async (trx) => {
		const view = await loadRsvp(trx, token, now, { materials: false });
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
			updated_at: nowIso()
		});
		const row = view.row;
		await recordActivity(trx, {
			user_id: null,
			action: 'invitee.answered',
			subject_type: 'invitee',
			subject_id: view.inviteeId,
			account_id: row.account_id,
			gathering_id: g.id,
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
			// The company settings are read only for accounts nobody manages.
			const fallback = row.owner_name ? NO_FALLBACK : await senderFallback(trx, g);
			const mail = renderConfirmationEmail({
				gathering: g,
				recipient,
				sender: senderOf(row, fallback, recipient.locale),
				rsvpUrl: rsvpUrl(token),
				icsUrl: personalIcsUrl(token),
				accepted: input.answer === 'accepted',
				companions: names
			});
			await enqueueMessage(trx, { ...mail, dedupeKey: `rsvp:${view.inviteeId}:${at}` });
		}
		return { status: input.answer, changed: true };
	});
	if (result.changed) {
		wakeMailWorker();
	}
	return result;
}

/** The guest's personal .ics behind their token. */
export async function personalIcs(db: Db, token: string, locale?: Locale): Promise<string> {
	const view = await loadRsvp(db, token);
	return renderPersonalIcs(view.gathering, view.inviteeId, locale ?? view.locale, rsvpUrl(token));
}
