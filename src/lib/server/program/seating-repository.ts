import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db';
import type { SeatingTableTable } from '../db/schema';

export function listTables(db: Executor, gatheringId: number) {
	return db
		.selectFrom('seating_table')
		.selectAll()
		.where('gathering_id', '=', gatheringId)
		.orderBy('id')
		.execute();
}

export async function insertTable(
	db: Executor,
	row: Insertable<SeatingTableTable>
): Promise<number> {
	const r = await db
		.insertInto('seating_table')
		.values(row)
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

export async function updateTable(
	db: Executor,
	gatheringId: number,
	id: number,
	values: Updateable<SeatingTableTable>
): Promise<number> {
	const r = await db
		.updateTable('seating_table')
		.set(values)
		.where('gathering_id', '=', gatheringId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(r.numUpdatedRows);
}

/** Only one head table: the others lose the mark. */
export async function clearHead(
	db: Executor,
	gatheringId: number,
	exceptId: number
): Promise<void> {
	await db
		.updateTable('seating_table')
		.set({ is_head: 0 })
		.where('gathering_id', '=', gatheringId)
		.where('id', '!=', exceptId)
		.execute();
}

export async function deleteTable(db: Executor, gatheringId: number, id: number): Promise<number> {
	const r = await db
		.deleteFrom('seating_table')
		.where('gathering_id', '=', gatheringId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(r.numDeletedRows);
}

export function listSeats(db: Executor, gatheringId: number) {
	return db
		.selectFrom('seat_assignment')
		.select(['person_key', 'table_id', 'seat', 'pinned'])
		.where('gathering_id', '=', gatheringId)
		.execute();
}

export async function setSeat(
	db: Executor,
	gatheringId: number,
	personKey: string,
	tableId: number,
	seat: number,
	pinned: boolean
): Promise<void> {
	const values = { table_id: tableId, seat, pinned: pinned ? 1 : 0 };
	await db
		.insertInto('seat_assignment')
		.values({ gathering_id: gatheringId, person_key: personKey, ...values })
		.onConflict((oc) => oc.columns(['gathering_id', 'person_key']).doUpdateSet(values))
		.execute();
}

export async function removeSeats(
	db: Executor,
	gatheringId: number,
	keys: string[]
): Promise<void> {
	for (let i = 0; i < keys.length; i += 500) {
		await db
			.deleteFrom('seat_assignment')
			.where('gathering_id', '=', gatheringId)
			.where('person_key', 'in', keys.slice(i, i + 500))
			.execute();
	}
}

export function listKeepApart(db: Executor, gatheringId: number) {
	return db
		.selectFrom('keep_apart')
		.select(['person_a', 'person_b'])
		.where('gathering_id', '=', gatheringId)
		.execute();
}

export async function addKeepApart(db: Executor, gatheringId: number, a: string, b: string) {
	const [x, y] = a < b ? [a, b] : [b, a];
	await db
		.insertInto('keep_apart')
		.values({ gathering_id: gatheringId, person_a: x, person_b: y })
		.onConflict((oc) => oc.doNothing())
		.execute();
}

export async function removeKeepApart(db: Executor, gatheringId: number, a: string, b: string) {
	await db
		.deleteFrom('keep_apart')
		.where('gathering_id', '=', gatheringId)
		.where('person_a', '=', a)
		.where('person_b', '=', b)
		.execute();
}

export function findSeat(db: Executor, gatheringId: number, personKey: string) {
	return db
		.selectFrom('seat_assignment as sa')
		.innerJoin('seating_table as st', 'st.id', 'sa.table_id')
		.select(['st.name as table', 'sa.seat'])
		.where('sa.gathering_id', '=', gatheringId)
		.where('sa.person_key', '=', personKey)
		.executeTakeFirst();
}
