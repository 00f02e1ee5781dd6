import { effectiveTier } from '../accounts/effective-tier';
import { sql } from 'kysely';
import { companionCount } from './companions';
import { isAttending } from './attending';
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

const personName = sql<string>`coalesce(c.name, s.name, i.walk_in_name, '')`;
const personLatin = sql<string | null>`coalesce(c.name_latin, s.name_latin, i.walk_in_name_latin)`;
const company = sql<string | null>`coalesce(a.name, i.walk_in_company)`;
const tier = effectiveTier<Tier | null>('a');

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
	let q = db
		.selectFrom('invitee as i')
		.leftJoin('contact as c', 'c.id', 'i.contact_id')
		.leftJoin('account as a', 'a.id', 'c.account_id')
		.leftJoin('staff_member as s', 's.id', 'i.staff_member_id')
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
			personName.as('name'),
			personLatin.as('name_latin'),
			company.as('company'),
			tier.as('tier')
		])
		.where('i.gathering_id', '=', gatheringId);
	if (filter.status) {
		q = q.where('i.status', '=', filter.status);
	}
	if (filter.role) {
		q = q.where('i.role', '=', filter.role);
	}
	if (filter.tier) {
		q = q.where(tier, '=', filter.tier);
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

export async function listedContactIds(db: Executor, gatheringId: number): Promise<Set<number>> {
	const rows = await db
		.selectFrom('invitee')
		.select('contact_id')
		.where('gathering_id', '=', gatheringId)
		.where('contact_id', 'is not', null)
		.execute();
	return new Set(rows.map((r) => r.contact_id as number));
}

export async function listedStaffIds(db: Executor, gatheringId: number): Promise<Set<number>> {
	const rows = await db
		.selectFrom('invitee')
		.select('staff_member_id')
		.where('gathering_id', '=', gatheringId)
		.where('staff_member_id', 'is not', null)
		.execute();
	return new Set(rows.map((r) => r.staff_member_id as number));
}

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
			sql<string>`coalesce(c.name, s.name, '')`.as('name'),
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
