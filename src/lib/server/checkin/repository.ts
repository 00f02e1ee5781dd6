import { countWhere } from '../db/sql';
import { sql } from 'kysely';
import type { Executor } from '../db';
import { tableOfInvitee, tourOfInvitee } from '../program/place-sql';
import {
	companionCount,
	companionsArrived,
	fromInvitees,
	inviteeCompany,
	inviteeName,
	inviteeNameLatin,
	inviteeTier,
	isAttending
} from '../gatherings/invitee-sql';

function people(db: Executor) {
	return fromInvitees(db)
		.leftJoin('user as by', 'by.id', 'i.checked_in_by')
		.select([
			'i.id',
			'i.gathering_id',
			'i.role',
			'i.status',
			'i.checkin_code',
			'i.checked_in_at',
			'by.name as checked_in_by_name',
			companionCount.as('companions_count'),
			companionsArrived.as('companions_arrived'),
			'i.pack_handed_at',
			'i.dietary',
			'i.tour_language',
			'i.arrival_details',
			'i.message_to_host',
			// The programme's real assignment, not the old free-text fields.
			tableOfInvitee.as('table_number'),
			tourOfInvitee.as('tour_group'),
			'c.account_id',
			'c.name_initials',
			'c.name_pinyin',
			inviteeName.as('name'),
			inviteeNameLatin.as('name_latin'),
			inviteeCompany.as('company')
		]);
}

export type CheckinPerson = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

export function findPerson(db: Executor, gatheringId: number, inviteeId: number) {
	return people(db)
		.where('i.gathering_id', '=', gatheringId)
		.where('i.id', '=', inviteeId)
		.executeTakeFirst();
}

/** By code across all gatherings, so a badge from another gathering can be told apart. */
export function findByCode(db: Executor, code: string) {
	return db
		.selectFrom('invitee')
		.select(['id', 'gathering_id'])
		.where('checkin_code', '=', code)
		.executeTakeFirst();
}

/** Everyone on the list who could turn up (declined people do sometimes), for the door search. */
export function listDoorPeople(db: Executor, gatheringId: number) {
	return people(db).where('i.gathering_id', '=', gatheringId).orderBy('i.id').execute();
}

export function listRecentArrivals(db: Executor, gatheringId: number, limit: number) {
	return people(db)
		.where('i.gathering_id', '=', gatheringId)
		.where('i.checked_in_at', 'is not', null)
		.orderBy('i.checked_in_at', 'desc')
		.orderBy('i.id', 'desc')
		.limit(limit)
		.execute();
}

/** Head counts per role: expected = attending (plus their companions), arrived = checked in. */
export function countByRole(db: Executor, gatheringId: number) {
	return db
		.selectFrom('invitee as i')
		.select([
			'i.role',
			countWhere(isAttending).as('expected'),
			countWhere(sql`i.checked_in_at is not null`).as('arrived'),
			sql<number>`sum(case when ${isAttending} then ${companionCount} else 0 end)`.as(
				'companions_expected'
			),
			sql<number>`sum(${companionsArrived})`.as('companions_arrived'),
			countWhere(sql`i.pack_handed_at is not null`).as('packs')
		])
		.where('i.gathering_id', '=', gatheringId)
		.groupBy('i.role')
		.execute();
}

/** Accepted guests of key accounts who have not arrived, with who owns the account. */
export function listMissingKeyGuests(db: Executor, gatheringId: number) {
	return db
		.selectFrom('invitee as i')
		.innerJoin('contact as c', 'c.id', 'i.contact_id')
		.innerJoin('account as a', 'a.id', 'c.account_id')
		.leftJoin('user as u', 'u.id', 'a.owner_user_id')
		.select([
			'i.id',
			'c.name',
			'c.name_latin',
			'c.phone',
			'a.name as company',
			'u.name as manager_name',
			'u.email as manager_email'
		])
		.where('i.gathering_id', '=', gatheringId)
		.where('i.role', '=', 'guest')
		.where('i.status', '=', 'accepted')
		.where('i.checked_in_at', 'is', null)
		.where(inviteeTier, '=', 'key')
		.orderBy('u.name')
		.orderBy('a.name')
		.orderBy('c.name')
		.execute();
}

export function codeExists(db: Executor, code: string) {
	return db
		.selectFrom('invitee')
		.select('id')
		.where('checkin_code', '=', code)
		.executeTakeFirst()
		.then(Boolean);
}
