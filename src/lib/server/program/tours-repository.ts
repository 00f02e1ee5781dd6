import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db';
import { listItemsOfKind } from './agenda-repository';
import type { TourGroupTable } from '../db/schema';

export function listTourItems(db: Executor, gatheringId: number) {
	return listItemsOfKind(db, gatheringId, 'tour');
}

/** The groups of a gathering, or of one of its tour items. */
export function listGroups(db: Executor, gatheringId: number, itemId?: number) {
	let q = db.selectFrom('tour_group').selectAll().where('gathering_id', '=', gatheringId);
	if (itemId !== undefined) {
		q = q.where('item_id', '=', itemId);
	}
	return q.orderBy('sort').orderBy('id').execute();
}

export async function insertGroup(db: Executor, row: Insertable<TourGroupTable>): Promise<number> {
	const r = await db.insertInto('tour_group').values(row).returning('id').executeTakeFirstOrThrow();
	return r.id;
}

export async function updateGroup(
	db: Executor,
	gatheringId: number,
	id: number,
	values: Updateable<TourGroupTable>
): Promise<number> {
	const r = await db
		.updateTable('tour_group')
		.set(values)
		.where('gathering_id', '=', gatheringId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(r.numUpdatedRows);
}

export async function deleteGroup(db: Executor, gatheringId: number, id: number): Promise<number> {
	const r = await db
		.deleteFrom('tour_group')
		.where('gathering_id', '=', gatheringId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(r.numDeletedRows);
}

/** The members of one tour item's groups. */
export function listMembers(db: Executor, gatheringId: number, itemId: number) {
	return db
		.selectFrom('tour_member')
		.select(['person_key', 'group_id', 'pinned'])
		.where('gathering_id', '=', gatheringId)
		.where('item_id', '=', itemId)
		.execute();
}

export async function setMember(
	db: Executor,
	gatheringId: number,
	itemId: number,
	personKey: string,
	groupId: number,
	pinned: boolean
): Promise<void> {
	const values = { group_id: groupId, pinned: pinned ? 1 : 0 };
	await db
		.insertInto('tour_member')
		.values({ gathering_id: gatheringId, item_id: itemId, person_key: personKey, ...values })
		.onConflict((oc) => oc.columns(['item_id', 'person_key']).doUpdateSet(values))
		.execute();
}

export async function removeMembers(
	db: Executor,
	gatheringId: number,
	itemId: number,
	keys: string[]
): Promise<void> {
	for (let i = 0; i < keys.length; i += 500) {
		await db
			.deleteFrom('tour_member')
			.where('gathering_id', '=', gatheringId)
			.where('item_id', '=', itemId)
			.where('person_key', 'in', keys.slice(i, i + 500))
			.execute();
	}
}

/** Empties a group (its members belonged to the tour item the group has left). */
export async function removeGroupMembers(
	db: Executor,
	gatheringId: number,
	groupId: number
): Promise<void> {
	await db
		.deleteFrom('tour_member')
		.where('gathering_id', '=', gatheringId)
		.where('group_id', '=', groupId)
		.execute();
}

/** A person's groups, one per tour item, in the order of the items, with each item's start. */
export function findMemberships(db: Executor, gatheringId: number, personKey: string) {
	return db
		.selectFrom('tour_member as tm')
		.innerJoin('tour_group as tg', 'tg.id', 'tm.group_id')
		.innerJoin('program_item as it', 'it.id', 'tm.item_id')
		.select(['tg.name', 'tg.start_offset_min', 'it.starts_at', 'it.title_zh', 'it.title_en'])
		.where('tm.gathering_id', '=', gatheringId)
		.where('tm.person_key', '=', personKey)
		.orderBy('it.starts_at')
		.orderBy('it.id')
		.execute();
}
