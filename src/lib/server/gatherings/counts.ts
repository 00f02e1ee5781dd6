import { sql } from 'kysely';
import type { Executor } from '../db';

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
			sql<number>`coalesce(sum(i.status != 'not_invited'), 0)`.as('invited'),
			sql<number>`coalesce(sum(i.status = 'accepted'), 0)`.as('accepted'),
			sql<number>`coalesce(sum(case when i.status = 'accepted' then 1 + i.companions_count else 0 end), 0)`.as(
				'head_count'
			)
		])
		.groupBy('g.id')
		.orderBy('g.starts_at', 'desc')
		.execute();
}

/** Counts for the dashboard: per status, and accepted head count (guest plus companions). */
export function countByStatus(db: Executor, gatheringId: number) {
	return db
		.selectFrom('invitee')
		.select([
			'status',
			sql<number>`count(*)`.as('people'),
			sql<number>`sum(1 + companions_count)`.as('heads')
		])
		.where('gathering_id', '=', gatheringId)
		.groupBy('status')
		.execute();
}

/** Status counts grouped by tier or by account (contacts only; our own people have neither). */
export function countByGroup(db: Executor, gatheringId: number, by: 'tier' | 'account') {
	const key =
		by === 'tier' ? sql<string>`coalesce(a.tier_override, a.auto_tier)` : sql<string>`a.name`;
	return db
		.selectFrom('invitee as i')
		.innerJoin('contact as c', 'c.id', 'i.contact_id')
		.innerJoin('account as a', 'a.id', 'c.account_id')
		.select([
			key.as('key'),
			sql<number>`min(a.id)`.as('account_id'),
			sql<number>`count(*)`.as('listed'),
			sql<number>`sum(i.status != 'not_invited')`.as('invited'),
			sql<number>`sum(i.status = 'accepted')`.as('accepted'),
			sql<number>`sum(case when i.status = 'accepted' then 1 + i.companions_count else 0 end)`.as(
				'heads'
			),
			sql<number>`sum(i.status = 'declined')`.as('declined'),
			sql<number>`sum(i.status = 'invited')`.as('no_answer')
		])
		.where('i.gathering_id', '=', gatheringId)
		.groupBy(by === 'tier' ? sql`coalesce(a.tier_override, a.auto_tier)` : 'a.id')
		.orderBy(sql`sum(i.status = 'accepted')`, 'desc')
		.orderBy(key)
		.execute();
}

export function countAcceptedHeads(db: Executor, gatheringId: number) {
	return db
		.selectFrom('invitee')
		.select([
			sql<number>`count(*)`.as('people'),
			sql<number>`coalesce(sum(1 + companions_count), 0)`.as('heads')
		])
		.where('gathering_id', '=', gatheringId)
		.where('status', '=', 'accepted')
		.executeTakeFirstOrThrow();
}
