import { sql } from 'kysely';
import type { Executor } from '../db';
import type { AnswerSource, InviteeStatus } from '../db/schema';
import {
	fromInvitees,
	inviteeCompany,
	inviteeLocale,
	inviteeName,
	inviteeNameLatin,
	inviteeTier
} from '../gatherings/invitee-sql';

// Queries only. Every query on invitees is scoped by the gathering.

/** One row per invitee with who they are, how to reach them, and their account manager. */
function inviteeQuery(db: Executor, gatheringId: number) {
	return fromInvitees(db)
		.leftJoin('user as owner', 'owner.id', 'a.owner_user_id')
		.where('i.gathering_id', '=', gatheringId)
		.select((eb) => [
			'i.id',
			'i.role',
			'i.status',
			'i.answer_source',
			'i.answered_at',
			'i.invited_at',
			'i.last_reminded_at',
			'i.contact_id',
			'i.staff_member_id',
			inviteeName.as('name'),
			inviteeNameLatin.as('name_latin'),
			'c.salutation',
			'c.time_zone as time_zone',
			eb.fn.coalesce('c.email', 's.email').as('email'),
			eb.fn.coalesce('c.phone', 's.phone').as('phone'),
			// Staff members read mail in their user's language; everyone else falls back to Chinese.
			inviteeLocale.as('locale'),
			'a.id as account_id',
			inviteeCompany.as('account_name'),
			inviteeTier.as('tier'),
			'owner.name as owner_name',
			'owner.email as owner_email',
			// The manager's title and phone for the signature: their entry among our people.
			sql<
				string | null
			>`(select title from staff_member where user_id = owner.id order by id limit 1)`.as(
				'owner_title'
			),
			sql<
				string | null
			>`(select title_en from staff_member where user_id = owner.id order by id limit 1)`.as(
				'owner_title_en'
			),
			sql<
				string | null
			>`(select phone from staff_member where user_id = owner.id order by id limit 1)`.as(
				'owner_phone'
			),
			's.title as staff_title',
			's.title_en as staff_title_en',
			'i.dietary',
			'i.tour_language',
			'i.arrival_details',
			'i.message_to_host'
		]);
}

export type InviteeRow = Awaited<ReturnType<typeof listInvitees>>[number];

export function listInvitees(db: Executor, gatheringId: number) {
	return inviteeQuery(db, gatheringId).orderBy('i.id').execute();
}

export function listInviteesByIds(db: Executor, gatheringId: number, ids: number[]) {
	if (ids.length === 0) {
		return Promise.resolve([]);
	}
	return inviteeQuery(db, gatheringId).where('i.id', 'in', ids).orderBy('i.id').execute();
}

export function listInviteesByStatus(db: Executor, gatheringId: number, status: InviteeStatus) {
	return inviteeQuery(db, gatheringId).where('i.status', '=', status).orderBy('i.id').execute();
}

export async function insertToken(
	db: Executor,
	link: { hash: string; nonce: string },
	inviteeId: number,
	now: string
): Promise<void> {
	await db
		.insertInto('rsvp_token')
		.values({
			token_hash: link.hash,
			invitee_id: inviteeId,
			created_at: now,
			revoked_at: null,
			link_nonce: link.nonce
		})
		.execute();
}

/** Ends every live link of an invitee; returns how many there were. */
export async function revokeTokens(db: Executor, inviteeId: number, now: string): Promise<number> {
	const result = await db
		.updateTable('rsvp_token')
		.set({ revoked_at: now })
		.where('invitee_id', '=', inviteeId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** The newest live link's nonce of an invitee (one with a nonce), to put in a new email. */
export async function latestLinkNonce(db: Executor, inviteeId: number): Promise<string | null> {
	const row = await db
		.selectFrom('rsvp_token')
		.select('link_nonce')
		.where('invitee_id', '=', inviteeId)
		.where('revoked_at', 'is', null)
		.where('link_nonce', 'is not', null)
		.orderBy('created_at', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row?.link_nonce ?? null;
}

export async function markInvited(db: Executor, gatheringId: number, id: number, now: string) {
	await db
		.updateTable('invitee')
		.set({ status: 'invited', invited_at: now, updated_at: now })
		.where('id', '=', id)
		.where('gathering_id', '=', gatheringId)
		.where('status', '=', 'not_invited')
		.execute();
	await db
		.updateTable('invitee')
		.set({ invited_at: now, updated_at: now })
		.where('id', '=', id)
		.where('gathering_id', '=', gatheringId)
		.execute();
}

export async function markReminded(db: Executor, gatheringId: number, id: number, now: string) {
	await db
		.updateTable('invitee')
		.set({ last_reminded_at: now, updated_at: now })
		.where('id', '=', id)
		.where('gathering_id', '=', gatheringId)
		.execute();
}

export async function setAnswer(
	db: Executor,
	gatheringId: number,
	id: number,
	status: InviteeStatus,
	source: AnswerSource | null,
	now: string
): Promise<void> {
	const answered = status === 'accepted' || status === 'declined';
	await db
		.updateTable('invitee')
		.set({
			status,
			answer_source: answered ? source : null,
			answered_at: answered ? now : null,
			updated_at: now
		})
		.where('id', '=', id)
		.where('gathering_id', '=', gatheringId)
		.execute();
}

export async function insertCall(
	db: Executor,
	call: {
		gathering_id: number;
		invitee_id: number;
		called_at: string;
		user_id: number | null;
		outcome: 'confirmed' | 'declined' | 'no_answer' | 'call_back';
		note: string | null;
		call_back_at: string | null;
	}
): Promise<number> {
	const row = await db
		.insertInto('phone_call')
		.values(call)
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export function listCalls(db: Executor, gatheringId: number) {
	return db
		.selectFrom('phone_call as p')
		.leftJoin('user as u', 'u.id', 'p.user_id')
		.select([
			'p.id',
			'p.invitee_id',
			'p.called_at',
			'p.outcome',
			'p.note',
			'p.call_back_at',
			'u.name as user_name'
		])
		.where('p.gathering_id', '=', gatheringId)
		.orderBy('p.called_at', 'desc')
		.orderBy('p.id', 'desc')
		.execute();
}

/** Marks one of our people notified of a gathering (invited_at; their status stays as it is). */
export async function markNotified(db: Executor, gatheringId: number, id: number, now: string) {
	await db
		.updateTable('invitee')
		.set({ invited_at: now })
		.where('id', '=', id)
		.where('gathering_id', '=', gatheringId)
		.execute();
}

/** Open gatherings whose automatic reminder is due now and has not gone out yet. */
export function listDueReminderGatherings(db: Executor, now: string) {
	return db
		.selectFrom('gathering')
		.select(['id', 'rsvp_deadline', 'reminder_days_before'])
		.where('status', '=', 'open')
		.where('reminder_days_before', 'is not', null)
		.where('reminder_sent_at', 'is', null)
		.where('rsvp_deadline', 'is not', null)
		.where('rsvp_deadline', '>', now)
		.execute();
}

export async function markGatheringReminded(db: Executor, gatheringId: number, now: string) {
	await db
		.updateTable('gathering')
		.set({ reminder_sent_at: now })
		.where('id', '=', gatheringId)
		.execute();
}

/** The update email went out: the guests know the current time and place. */
export async function clearAnnouncedSchedule(db: Executor, gatheringId: number) {
	await db
		.updateTable('gathering')
		.set({ announced_schedule: null })
		.where('id', '=', gatheringId)
		.execute();
}
