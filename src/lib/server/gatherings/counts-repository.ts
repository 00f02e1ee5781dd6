import { countWhere } from '../db/sql';
import { effectiveTier } from '../accounts/effective-tier';
import { sql } from 'kysely';
import type { Executor } from '../db';
import { companionCount, isAttending, isWalkIn } from './invitee-sql';

// Aggregate queries for the gatherings list and a gathering's dashboard.

/** Every gathering with its list's counts, newest first. */
export function listGatheringsWithCounts(db: Executor) {
	return db
		.selectFrom('gathering as g')
		.leftJoin('invitee as i', 'i.gathering_id', 'g.id')
		.select([
			'g.id',
			'g.title_zh',
			'g.title_en',
			'g.status',
			'g.starts_at',
			'g.ends_at',
			'g.time_zone',
			'g.venue_name',
			'g.capacity',
			sql<number>`count(i.id)`.as('listed'),
			countWhere(invitedGuest).as('invited'),
			countWhere(sql`i.role = 'guest' and i.status = 'accepted'`).as('accepted'),
			sql<number>`coalesce(sum(case when ${isAttending} then 1 + ${companionCount} else 0 end), 0)`.as(
				'head_count'
			)
		])
		.groupBy('g.id')
		.orderBy('g.starts_at', 'desc')
		.execute();
}

/** A guest who had an invitation: not a walk-in, not one of our people. */
const invitedGuest = sql<number>`(i.role = 'guest' and i.status != 'not_invited' and not ${isWalkIn})`;

/**
 * Counts for the dashboard, per role, status and whether the person walked in: people, and
 * heads (each person plus their companions).
 */
export function countByStatus(db: Executor, gatheringId: number) {
	return db
		.selectFrom('invitee as i')
		.select([
			'i.role',
			'i.status',
			sql<number>`coalesce(${isWalkIn}, 0)`.as('walk_in'),
			sql<number>`${isAttending}`.as('attending'),
			sql<number>`count(*)`.as('people'),
			sql<number>`sum(1 + ${companionCount})`.as('heads')
		])
		.where('i.gathering_id', '=', gatheringId)
		.groupBy(['i.role', 'i.status', sql`coalesce(${isWalkIn}, 0)`])
		.execute();
}

/** Status counts grouped by tier or by account (contacts only; our own people have neither). */
export function countByGroup(db: Executor, gatheringId: number, by: 'tier' | 'account') {
	const key = by === 'tier' ? effectiveTier<string>('a') : sql<string>`a.name`;
	return db
		.selectFrom('invitee as i')
		.innerJoin('contact as c', 'c.id', 'i.contact_id')
		.innerJoin('account as a', 'a.id', 'c.account_id')
		.select([
			key.as('key'),
			sql<number>`min(a.id)`.as('account_id'),
			sql<number>`count(*)`.as('listed'),
			countWhere(invitedGuest).as('invited'),
			countWhere(sql`i.status = 'accepted'`).as('accepted'),
			sql<number>`sum(case when i.status = 'accepted' then 1 + ${companionCount} else 0 end)`.as(
				'heads'
			),
			countWhere(sql`i.status = 'declined'`).as('declined'),
			countWhere(sql`i.status = 'invited'`).as('no_answer')
		])
		.where('i.gathering_id', '=', gatheringId)
		.groupBy(by === 'tier' ? effectiveTier('a') : 'a.id')
		.orderBy(countWhere(sql`i.status = 'accepted'`), 'desc')
		.orderBy(key)
		.execute();
}

/** Everyone attending (guests who accepted, our people not absent) and their heads. */
export function countAcceptedHeads(db: Executor, gatheringId: number) {
	return db
		.selectFrom('invitee as i')
		.select([
			sql<number>`count(*)`.as('people'),
			sql<number>`coalesce(sum(1 + ${companionCount}), 0)`.as('heads')
		])
		.where('i.gathering_id', '=', gatheringId)
		.where(isAttending)
		.executeTakeFirstOrThrow();
}
