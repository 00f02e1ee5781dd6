import { z } from 'zod';
import type { Db, Executor } from '../db';
import type { AnswerSource, CallOutcome, Gathering } from '../db/schema';
import { DomainError, NotFoundError } from '../errors';
import { recordActivity } from '../activity/repository';
import { nowIso } from '../time';
import { text } from '../text';
import * as repo from './repository';
import { requireGathering } from './service';
import { localToUtcIso } from '../gatherings/zoned';
import { getBrand } from '../settings/service';
import { cancelConfirmation, enqueueConfirmation } from '../rsvp/service';
import { companionNames } from '../gatherings/companions';
import { listCompanions } from '../gatherings/companions-repository';
import {
	linkForEmail,
	personalIcsUrl,
	recipientOf,
	rsvpUrl,
	senderFallback,
	senderOf
} from './mailing';

// Phone confirmation (电话确认) and answers staff set by hand; each change goes to the history.
// The guest gets the same confirmation email (and .ics) as after answering by link, unless staff
// untick "email the guest"; a done gathering is frozen: no calls, no answers.

/** The form's "email the guest a confirmation" checkbox: ticked sends a value, unticked none. */
const notifyField = z
	.union([z.boolean(), z.enum(['on', 'true', '1'])])
	.optional()
	.transform((v) => v === true || v === 'on' || v === 'true' || v === '1');

export class GatheringFrozenError extends DomainError {
	constructor() {
		super('gatherings_error_done_locked', {}, 409);
	}
}

async function requireUnfrozen(db: Executor, gatheringId: number): Promise<Gathering> {
	const g = await requireGathering(db, gatheringId);
	if (g.status === 'done') {
		throw new GatheringFrozenError();
	}
	return g;
}

export const callSchema = z.object({
	invitee_id: z.coerce.number().int().positive('error_choice'),
	outcome: z.enum(['confirmed', 'declined', 'no_answer', 'call_back'], { message: 'error_choice' }),
	note: text(1000, { multiline: true }),
	/** 'YYYY-MM-DDTHH:MM' in the gathering's zone, or empty for now. */
	called_at: z
		.string()
		.trim()
		.refine((v) => v === '' || !Number.isNaN(Date.parse(v)), 'error_date'),
	notify: notifyField,
	/** When to call again after "no answer" / "call back", same form; empty = in two hours. */
	call_back_at: z
		.string()
		.trim()
		.refine((v) => v === '' || !Number.isNaN(Date.parse(v)), 'error_date')
		.default('')
});
/** A call as the form gives it; `notify` (email the guest) is off unless asked for. */
export type CallInput = Omit<z.infer<typeof callSchema>, 'notify' | 'call_back_at'> & {
	notify?: boolean;
	call_back_at?: string;
};

export const answerSchema = z.object({
	invitee_id: z.coerce.number().int().positive('error_choice'),
	status: z.enum(['accepted', 'declined', 'invited'], { message: 'error_choice' }),
	notify: notifyField
});
export type AnswerInput = Omit<z.infer<typeof answerSchema>, 'notify'> & { notify?: boolean };

const TIER_ORDER: Record<string, number> = { key: 0, potential: 1, regular: 2 };

/** After "no answer" without a time given, try again this much later. */
export const DEFAULT_CALL_BACK_MS = 2 * 60 * 60 * 1000;

/**
 * Who still has to be phoned: guests invited without an answer (never our own people). Those
 * not called yet come first, key accounts first, then by name; those who did not answer or
 * asked to be called back follow, by their call-back time.
 */
export async function callList(db: Db, gatheringId: number) {
	await requireGathering(db, gatheringId);
	const [rows, calls] = await Promise.all([
		repo.listInviteesByStatus(db, gatheringId, 'invited'),
		repo.listCalls(db, gatheringId)
	]);
	// listCalls is newest first: the first call seen per person is their latest.
	const latest = new Map<number, (typeof calls)[number]>();
	for (const call of calls) {
		if (!latest.has(call.invitee_id)) {
			latest.set(call.invitee_id, call);
		}
	}
	return rows
		.filter((r) => r.role === 'guest')
		.map((r) => {
			const call = latest.get(r.id);
			const waiting = call && (call.outcome === 'no_answer' || call.outcome === 'call_back');
			return { ...r, call_back_at: waiting ? (call.call_back_at ?? call.called_at) : null };
		})
		.sort(
			(a, b) =>
				(a.call_back_at ?? '').localeCompare(b.call_back_at ?? '') ||
				(TIER_ORDER[a.tier ?? ''] ?? 3) - (TIER_ORDER[b.tier ?? ''] ?? 3) ||
				(a.name ?? '').localeCompare(b.name ?? '', 'zh-CN')
		);
}

async function findRow(db: Executor, gatheringId: number, inviteeId: number) {
	const [row] = await repo.listInviteesByIds(db, gatheringId, [inviteeId]);
	if (!row) {
		throw new NotFoundError('invitations_error_invitee_not_found');
	}
	return row;
}

/** Logs a call; "confirmed" or "declined" also sets the answer with source phone. */
export async function logCall(
	db: Db,
	gatheringId: number,
	input: CallInput,
	userId: number | null
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const g = await requireUnfrozen(trx, gatheringId);
		const row = await findRow(trx, gatheringId, input.invitee_id);
		// Staff type the wall-clock time of the call; read it in the gathering's zone.
		const calledAt = (input.called_at && localToUtcIso(input.called_at, g.time_zone)) || nowIso();
		const waits = input.outcome === 'no_answer' || input.outcome === 'call_back';
		const callId = await repo.insertCall(trx, {
			gathering_id: gatheringId,
			invitee_id: row.id,
			called_at: calledAt,
			user_id: userId,
			outcome: input.outcome as CallOutcome,
			note: input.note || null,
			call_back_at: waits
				? (input.call_back_at && localToUtcIso(input.call_back_at, g.time_zone)) ||
					new Date(Date.parse(calledAt) + DEFAULT_CALL_BACK_MS).toISOString()
				: null
		});
		await recordActivity(trx, {
			user_id: userId,
			action: 'call.logged',
			subject_type: 'invitee',
			subject_id: row.id,
			account_id: row.account_id,
			gathering_id: gatheringId,
			details: { name: row.name, outcome: input.outcome, note: input.note, call_id: callId }
		});
		if (input.outcome === 'confirmed' || input.outcome === 'declined') {
			await answer(
				trx,
				g,
				row,
				input.outcome === 'confirmed' ? 'accepted' : 'declined',
				'phone',
				userId,
				input.notify ?? false
			);
		}
	});
}

/** Staff set (or reset to "no answer yet") an answer by hand: source staff. */
export async function setAnswerByStaff(
	db: Db,
	gatheringId: number,
	input: AnswerInput,
	userId: number | null
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const g = await requireUnfrozen(trx, gatheringId);
		const row = await findRow(trx, gatheringId, input.invitee_id);
		await answer(trx, g, row, input.status, 'staff', userId, input.notify ?? false);
	});
}

async function answer(
	trx: Executor,
	g: Gathering,
	row: repo.InviteeRow,
	status: 'accepted' | 'declined' | 'invited',
	source: AnswerSource,
	userId: number | null,
	notify: boolean
): Promise<void> {
	const gatheringId = g.id;
	const now = nowIso();
	await repo.setAnswer(trx, gatheringId, row.id, status, source, now);
	await recordActivity(trx, {
		user_id: userId,
		action: status === 'invited' ? 'invitee.answer_cleared' : 'invitee.answered',
		subject_type: 'invitee',
		subject_id: row.id,
		account_id: row.account_id,
		gathering_id: gatheringId,
		details: { name: row.name, status, source, previous: row.status }
	});
	const recipient = recipientOf(row);
	if (notify && status !== 'invited' && recipient) {
		const placeholder = await linkForEmail(trx, row.id, now);
		await enqueueConfirmation(trx, {
			gathering: g,
			recipient,
			sender: senderOf(row, await senderFallback(trx, g), recipient.locale),
			rsvpUrl: rsvpUrl(placeholder),
			icsUrl: personalIcsUrl(placeholder),
			accepted: status === 'accepted',
			companions:
				status === 'accepted'
					? companionNames(await listCompanions(trx, gatheringId, [row.id]))
					: [],
			brand: await getBrand(trx)
		});
	} else {
		await cancelConfirmation(trx, row.id);
	}
}
