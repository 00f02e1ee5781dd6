import { greatest } from '../db/sql';
import { sql } from 'kysely';
import type { Executor } from '../db';
import { tableOfInvitee, tourOfInvitee } from '../program/place-sql';
import type { IsoTime } from '../db/schema';
import { fromInvitees, isAttending } from '../gatherings/invitee-sql';

export function findGatheringForBadges(db: Executor, gatheringId: number) {
	return db
		.selectFrom('gathering')
		.select(['id', 'title_zh', 'title_en', 'starts_at', 'time_zone', 'badge_palette'])
		.where('id', '=', gatheringId)
		.executeTakeFirst();
}

/**
 * Everyone who will get a badge, with what is printed on them: guests who accepted, and our
 * own people unless marked absent (they never answer; see gatherings/attending).
 */
export function listBadgePeople(db: Executor, gatheringId: number) {
	return fromInvitees(db)
		.select([
			'i.id',
			'i.role',
			'i.walk_in_name',
			'i.walk_in_name_latin',
			'i.walk_in_company',
			'i.walk_in_title',
			// The programme's real assignment, not the old free-text fields.
			tableOfInvitee.as('table_number'),
			tourOfInvitee.as('tour_group'),
			'i.checkin_code',
			'i.badge_printed_at',
			'c.name as contact_name',
			'c.name_latin as contact_name_latin',
			'c.title as contact_title',
			'a.name as account_name',
			'a.name_en as account_name_en',
			's.name as staff_name',
			's.name_latin as staff_name_latin',
			's.title as staff_title',
			's.title_en as staff_title_en',
			sql<number>`coalesce(s.is_general_manager, 0)`.as('is_general_manager'),
			// The newest change to anything printed on the badge.
			greatest<IsoTime>(
				sql.ref('i.updated_at'),
				sql`coalesce(c.updated_at, '')`,
				sql`coalesce(a.updated_at, '')`,
				sql`coalesce(s.updated_at, '')`
			).as('changed_at')
		])
		.where('i.gathering_id', '=', gatheringId)
		.where(isAttending)
		.orderBy('i.id')
		.execute();
}

export type BadgePersonRow = Awaited<ReturnType<typeof listBadgePeople>>[number];

/**
 * Marks badges printed. Deliberately leaves updated_at alone: it means "what the person is
 * changed", which is what decides whether a badge needs printing again.
 */
export async function setBadgesPrinted(
	db: Executor,
	gatheringId: number,
	inviteeIds: readonly number[],
	at: IsoTime
): Promise<number> {
	let count = 0;
	for (let i = 0; i < inviteeIds.length; i += 500) {
		const result = await db
			.updateTable('invitee')
			.set({ badge_printed_at: at })
			.where('gathering_id', '=', gatheringId)
			.where('id', 'in', inviteeIds.slice(i, i + 500))
			.executeTakeFirst();
		count += Number(result.numUpdatedRows);
	}
	return count;
}

export async function setBadgePalette(
	db: Executor,
	gatheringId: number,
	palette: string | null,
	at: IsoTime
): Promise<void> {
	await db
		.updateTable('gathering')
		.set({ badge_palette: palette, updated_at: at })
		.where('id', '=', gatheringId)
		.execute();
}
