import { sql } from 'kysely';
import { effectiveTier } from '../accounts/effective-tier';
import type { Executor } from '../db';
import type { Tier } from '../db/schema';
import { isAttending } from '../gatherings/invitee-sql';

/** Everyone attending a gathering (guests who accepted, our people not marked absent), by id. */
export function listAttendeeRows(db: Executor, gatheringId: number) {
	return db
		.selectFrom('invitee as i')
		.leftJoin('contact as c', 'c.id', 'i.contact_id')
		.leftJoin('account as a', 'a.id', 'c.account_id')
		.leftJoin('staff_member as s', 's.id', 'i.staff_member_id')
		.select([
			'i.id',
			'i.role',
			'i.dietary',
			'i.tour_language',
			'c.account_id',
			'c.name_pinyin',
			'c.phone as contact_phone',
			'c.locale',
			'c.dietary as contact_dietary',
			'a.name as account_name',
			'a.name_en as account_name_en',
			'a.annual_sales_minor',
			's.seniority',
			's.is_general_manager',
			's.phone as staff_phone',
			sql<string>`coalesce(c.name, s.name, i.walk_in_name, '')`.as('name'),
			sql<string | null>`coalesce(c.name_latin, s.name_latin, i.walk_in_name_latin)`.as(
				'name_latin'
			),
			sql<string | null>`coalesce(c.title, s.title, i.walk_in_title)`.as('title'),
			's.title_en',
			sql<string | null>`coalesce(a.name, i.walk_in_company)`.as('company'),
			effectiveTier<Tier | null>('a').as('tier')
		])
		.where('i.gathering_id', '=', gatheringId)
		.where(isAttending)
		.orderBy('i.id')
		.execute();
}
