import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../db';

// A person's table and tour groups as other features show them (check-in row, badges). The
// person key of an invitee is 'i<id>', of their n-th companion (position n) 'i<id>c<n-1>'.

const inviteeKeySql = sql`'i' || i.id`;
const companionKeySql = sql`'i' || ic.invitee_id || 'c' || (ic.position - 1)`;

function tableOf(gatheringId: RawBuilder<unknown>, key: RawBuilder<unknown>) {
	return sql<string | null>`(select st.name from seat_assignment sa
  join seating_table st on st.id = sa.table_id
  where sa.gathering_id = ${gatheringId} and sa.person_key = ${key})`;
}

/** Every tour group of the person, one per tour item, in the order of the items' starts. */
function toursOf(gatheringId: RawBuilder<unknown>, key: RawBuilder<unknown>) {
	return sql<string | null>`(select group_concat(tg.name, ' / ' order by it.starts_at, it.id)
  from tour_member tm
  join tour_group tg on tg.id = tm.group_id
  join program_item it on it.id = tg.item_id
  where tm.gathering_id = ${gatheringId} and tm.person_key = ${key})`;
}

/** The name of the table the invitee `i` of the surrounding query is seated at, or null. */
export const tableOfInvitee = tableOf(sql`i.gathering_id`, inviteeKeySql);

/** The invitee's tour groups ('A组 / 下午B组'), or null. */
export const tourOfInvitee = toursOf(sql`i.gathering_id`, inviteeKeySql);

export interface CompanionPlace {
	table_number: string | null;
	tour_group: string | null;
}

/** Each companion's own table and tour groups, keyed '<inviteeId>:<position>'. */
export async function companionPlaces(
	db: Executor,
	gatheringId: number,
	inviteeIds: readonly number[]
): Promise<Map<string, CompanionPlace>> {
	const out = new Map<string, CompanionPlace>();
	for (let i = 0; i < inviteeIds.length; i += 500) {
		const rows = await db
			.selectFrom('invitee_companion as ic')
			.select([
				'ic.invitee_id',
				'ic.position',
				tableOf(sql`ic.gathering_id`, companionKeySql).as('table_number'),
				toursOf(sql`ic.gathering_id`, companionKeySql).as('tour_group')
			])
			.where('ic.gathering_id', '=', gatheringId)
			.where('ic.invitee_id', 'in', inviteeIds.slice(i, i + 500))
			.execute();
		for (const r of rows) {
			out.set(companionPlaceKey(r.invitee_id, r.position), {
				table_number: r.table_number,
				tour_group: r.tour_group
			});
		}
	}
	return out;
}

export const companionPlaceKey = (inviteeId: number, position: number) =>
	`${inviteeId}:${position}`;

export const NO_PLACE: CompanionPlace = { table_number: null, tour_group: null };
