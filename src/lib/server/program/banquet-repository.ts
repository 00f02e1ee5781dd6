import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db';
import { listItemsOfKind } from './agenda-repository';
import type { BanquetSegmentTable, Locale } from '../db/schema';

/** The banquet item (the first, should there be several). */
export async function findBanquetItem(db: Executor, gatheringId: number) {
	return (await listItemsOfKind(db, gatheringId, 'banquet'))[0];
}

export function listSegments(db: Executor, gatheringId: number, itemId: number) {
	return db
		.selectFrom('banquet_segment')
		.selectAll()
		.where('gathering_id', '=', gatheringId)
		.where('item_id', '=', itemId)
		.orderBy('sort')
		.orderBy('id')
		.execute();
}

export async function insertSegment(
	db: Executor,
	row: Insertable<BanquetSegmentTable>
): Promise<number> {
	const r = await db
		.insertInto('banquet_segment')
		.values(row)
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

export async function updateSegment(
	db: Executor,
	gatheringId: number,
	id: number,
	values: Updateable<BanquetSegmentTable>
): Promise<number> {
	const r = await db
		.updateTable('banquet_segment')
		.set(values)
		.where('gathering_id', '=', gatheringId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(r.numUpdatedRows);
}

export async function deleteSegments(db: Executor, gatheringId: number, ids?: number[]) {
	let q = db.deleteFrom('banquet_segment').where('gathering_id', '=', gatheringId);
	if (ids) {
		q = q.where('id', 'in', ids.length ? ids : [-1]);
	}
	const r = await q.executeTakeFirst();
	return Number(r.numDeletedRows);
}

export function listMcLines(db: Executor, gatheringId: number) {
	return db
		.selectFrom('mc_line')
		.select(['person_key', 'locale', 'text'])
		.where('gathering_id', '=', gatheringId)
		.execute();
}

export async function setMcLine(
	db: Executor,
	gatheringId: number,
	personKey: string,
	locale: Locale,
	text: string
): Promise<void> {
	if (text === '') {
		await db
			.deleteFrom('mc_line')
			.where('gathering_id', '=', gatheringId)
			.where('person_key', '=', personKey)
			.where('locale', '=', locale)
			.execute();
		return;
	}
	await db
		.insertInto('mc_line')
		.values({ gathering_id: gatheringId, person_key: personKey, locale, text })
		.onConflict((oc) => oc.columns(['gathering_id', 'person_key', 'locale']).doUpdateSet({ text }))
		.execute();
}

export function findUser(db: Executor, id: number) {
	return db.selectFrom('user').select(['name', 'email']).where('id', '=', id).executeTakeFirst();
}
