import { sql } from 'kysely';
import {
	companionCount,
	fromInvitees,
	inviteeCompany,
	inviteeLocale,
	inviteeName,
	inviteeNameLatin,
	inviteeTier,
	isAttending
} from './invitee-sql';
import type { Executor } from '../db';
import type {
	GatheringUpdate,
	InviteeRole,
	InviteeStatus,
	InviteeUpdate,
	NewGathering,
	NewInvitee,
	Tier
} from '../db/schema';

export function findGathering(db: Executor, id: number) {
	return db.selectFrom('gathering').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertGathering(db: Executor, row: NewGathering): Promise<number> {
	const r = await db.insertInto('gathering').values(row).returning('id').executeTakeFirstOrThrow();
	return r.id;
}

export async function updateGathering(db: Executor, id: number, changes: GatheringUpdate) {
	await db.updateTable('gathering').set(changes).where('id', '=', id).execute();
}

export interface InviteeFilter {
	status?: InviteeStatus;
	role?: InviteeRole;
	tier?: Tier;
	accountId?: number;
	/** Only people attending (see attending.ts): guests who accepted, our people not absent. */
	attending?: boolean;
	/** What the guest told us: any dietary need, a tour language, arrival details, a message. */
	told?: 'dietary' | 'tour_zh' | 'tour_en' | 'arrival' | 'message' | 'unread';
}

const toldFilter = {
	dietary: sql<boolean>`(i.dietary is not null or exists (select 1 from invitee_companion ic where ic.invitee_id = i.id and ic.dietary is not null))`,
	tour_zh: sql<boolean>`i.tour_language = 'zh'`,
	tour_en: sql<boolean>`i.tour_language = 'en'`,
	arrival: sql<boolean>`i.arrival_details is not null`,
	message: sql<boolean>`i.message_to_host is not null`,
	unread: sql<boolean>`(i.message_to_host is not null and i.message_read_at is null)`
} as const;

/** The guest list with who each person is; scoped to one gathering. */
export function listInvitees(db: Executor, gatheringId: number, filter: InviteeFilter = {}) {
	let q = fromInvitees(db)
		.select([
			'i.id',
			'i.contact_id',
			'i.staff_member_id',
			'i.role',
			'i.status',
			'i.answer_source',
			'i.answered_at',
			'i.invited_at',
			companionCount.as('companions_count'),
			'i.dietary',
			'i.tour_language',
			'i.arrival_details',
			'i.message_to_host',
			'i.message_read_at',
			'i.checkin_code',
			'i.checked_in_at',
			'c.email as contact_email',
			'c.phone as contact_phone',
			'c.title as contact_title',
			's.title as staff_title',
			'a.id as account_id',
			inviteeName.as('name'),
			inviteeNameLatin.as('name_latin'),
			inviteeCompany.as('company'),
			inviteeTier.as('tier')
		])
		.where('i.gathering_id', '=', gatheringId);
	if (filter.status) {
		q = q.where('i.status', '=', filter.status);
	}
	if (filter.role) {
		q = q.where('i.role', '=', filter.role);
	}
	if (filter.tier) {
		q = q.where(inviteeTier, '=', filter.tier);
	}
	if (filter.accountId) {
		q = q.where('a.id', '=', filter.accountId);
	}
	if (filter.attending) {
		q = q.where(isAttending);
	}
	if (filter.told) {
		q = q.where(toldFilter[filter.told]);
	}
	return q
		.orderBy(sql`case i.role when 'executive' then 0 when 'staff' then 2 else 1 end`)
		.orderBy(sql`coalesce(c.name_pinyin, s.name, i.walk_in_name)`)
		.orderBy('i.id')
		.execute();
}
export type InviteeRow = Awaited<ReturnType<typeof listInvitees>>[number];

/** Attending invitees (see isAttending) with who they are, for attending.ts's people list. */
export function listAttendingRows(db: Executor, gatheringId: number) {
	return fromInvitees(db)
		.select([
			'i.id',
			'i.role',
			'i.tour_language',
			'i.dietary as invitee_dietary',
			'c.dietary as contact_dietary',
			'i.table_number',
			'i.tour_group',
			inviteeName.as('name'),
			inviteeNameLatin.as('name_latin'),
			'a.id as account_id',
			inviteeCompany.as('account_name'),
			inviteeLocale.as('locale'),
			sql<number>`coalesce(s.is_general_manager, 0)`.as('gm')
		])
		.where('i.gathering_id', '=', gatheringId)
		.where(isAttending)
		.orderBy('i.id')
		.execute();
}

/** Who is on the list by contact or staff member: what a copy of the gathering takes over. */
export function listCopyablePeople(db: Executor, gatheringId: number) {
	return db
		.selectFrom('invitee')
		.select(['contact_id', 'staff_member_id', 'role'])
		.where('gathering_id', '=', gatheringId)
		.where((eb) => eb.or([eb('contact_id', 'is not', null), eb('staff_member_id', 'is not', null)]))
		.orderBy('id')
		.execute();
}

export function findInvitee(db: Executor, gatheringId: number, inviteeId: number) {
	return db
		.selectFrom('invitee')
		.selectAll()
		.where('gathering_id', '=', gatheringId)
		.where('id', '=', inviteeId)
		.executeTakeFirst();
}

export async function insertInvitee(db: Executor, row: NewInvitee): Promise<number> {
	const r = await db.insertInto('invitee').values(row).returning('id').executeTakeFirstOrThrow();
	return r.id;
}

export async function updateInvitee(
	db: Executor,
	gatheringId: number,
	inviteeId: number,
	changes: InviteeUpdate
) {
	await db
		.updateTable('invitee')
		.set(changes)
		.where('gathering_id', '=', gatheringId)
		.where('id', '=', inviteeId)
		.execute();
}

/** Removes an invitee; its links and calls go with it (ON DELETE CASCADE), mail keeps its row. */
export async function deleteInvitee(db: Executor, gatheringId: number, inviteeId: number) {
	await db
		.deleteFrom('invitee')
		.where('gathering_id', '=', gatheringId)
		.where('id', '=', inviteeId)
		.execute();
}

/** The contacts (or staff members) on a gathering's list, by their own id. */
async function listedIds(
	db: Executor,
	gatheringId: number,
	column: 'contact_id' | 'staff_member_id'
): Promise<Set<number>> {
	const rows = await db
		.selectFrom('invitee')
		.select(column)
		.where('gathering_id', '=', gatheringId)
		.where(column, 'is not', null)
		.execute();
	return new Set(rows.map((r) => r[column] as number));
}

export const listedContactIds = (db: Executor, gatheringId: number) =>
	listedIds(db, gatheringId, 'contact_id');

export const listedStaffIds = (db: Executor, gatheringId: number) =>
	listedIds(db, gatheringId, 'staff_member_id');

/** Contacts on the list with the facts the working-hours check needs. */
export function listSchedulePeople(db: Executor, gatheringId: number) {
	return db
		.selectFrom('invitee as i')
		.innerJoin('contact as c', 'c.id', 'i.contact_id')
		.select([
			'i.id as inviteeId',
			'c.name',
			'c.time_zone as timeZone',
			'c.working_days as workingDays',
			'c.work_start as workStart',
			'c.work_end as workEnd'
		])
		.where('i.gathering_id', '=', gatheringId)
		.where('i.status', '!=', 'declined')
		.execute();
}

/** The same people (by contact or staff member) on other gatherings' lists, with their times. */
export function listOtherListings(db: Executor, gatheringId: number) {
	return db
		.selectFrom('invitee as i')
		.innerJoin('invitee as o', (join) =>
			join
				.on('o.gathering_id', '!=', gatheringId)
				.on('o.status', '!=', 'declined')
				.on((eb) =>
					eb.or([
						eb('o.contact_id', '=', eb.ref('i.contact_id')),
						eb('o.staff_member_id', '=', eb.ref('i.staff_member_id'))
					])
				)
		)
		.innerJoin('gathering as g', 'g.id', 'o.gathering_id')
		.leftJoin('contact as c', 'c.id', 'i.contact_id')
		.leftJoin('staff_member as s', 's.id', 'i.staff_member_id')
		.select([
			'i.id as inviteeId',
			inviteeName.as('name'),
			'g.id as gatheringId',
			'g.title_zh',
			'g.title_en',
			'g.starts_at as startsAt',
			'g.ends_at as endsAt'
		])
		.where('i.gathering_id', '=', gatheringId)
		.where('i.status', '!=', 'declined')
		.where('g.status', '!=', 'done')
		.execute();
}

/** Marks a guest's message read (at) or unread (null). */
export async function setMessageRead(
	db: Executor,
	gatheringId: number,
	inviteeId: number,
	at: string | null
): Promise<void> {
	await db
		.updateTable('invitee')
		.set({ message_read_at: at })
		.where('gathering_id', '=', gatheringId)
		.where('id', '=', inviteeId)
		.where('message_to_host', 'is not', null)
		.execute();
}

export async function countInvitees(db: Executor, gatheringId: number): Promise<number> {
	const row = await db
		.selectFrom('invitee')
		.select(db.fn.countAll<number>().as('n'))
		.where('gathering_id', '=', gatheringId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
