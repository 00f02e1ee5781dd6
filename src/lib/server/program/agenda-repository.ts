import type { Executor } from '../db';
import type { NewProgramItemRow } from './types';

/** Agenda items of one gathering in time order, each with the invitees who lead or speak. */
export async function listItems(db: Executor, gatheringId: number) {
	const items = await db
		.selectFrom('program_item')
		.selectAll()
		.where('gathering_id', '=', gatheringId)
		.orderBy('starts_at')
		.orderBy('id')
		.execute();
	const people = await db
		.selectFrom('program_item_person as p')
		.innerJoin('program_item as it', 'it.id', 'p.item_id')
		.select(['p.item_id', 'p.invitee_id'])
		.where('it.gathering_id', '=', gatheringId)
		.execute();
	return items.map((item) => ({
		...item,
		speakerIds: people.filter((p) => p.item_id === item.id).map((p) => p.invitee_id)
	}));
}

export type AgendaItemRow = Awaited<ReturnType<typeof listItems>>[number];

export function findItem(db: Executor, gatheringId: number, id: number) {
	return db
		.selectFrom('program_item')
		.selectAll()
		.where('gathering_id', '=', gatheringId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function insertItem(db: Executor, row: NewProgramItemRow): Promise<number> {
	const r = await db
		.insertInto('program_item')
		.values(row)
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

export async function updateItem(
	db: Executor,
	gatheringId: number,
	id: number,
	values: Partial<NewProgramItemRow>
): Promise<void> {
	await db
		.updateTable('program_item')
		.set(values)
		.where('gathering_id', '=', gatheringId)
		.where('id', '=', id)
		.execute();
}

export async function deleteItems(
	db: Executor,
	gatheringId: number,
	ids?: number[]
): Promise<void> {
	let q = db.deleteFrom('program_item').where('gathering_id', '=', gatheringId);
	if (ids) {
		if (ids.length === 0) {
			return;
		}
		q = q.where('id', 'in', ids);
	}
	await q.execute();
}

export async function setItemPeople(
	db: Executor,
	itemId: number,
	inviteeIds: number[]
): Promise<void> {
	await db.deleteFrom('program_item_person').where('item_id', '=', itemId).execute();
	if (inviteeIds.length > 0) {
		await db
			.insertInto('program_item_person')
			.values(inviteeIds.map((invitee_id) => ({ item_id: itemId, invitee_id })))
			.execute();
	}
}

/** People on the list who could lead or speak (not the declined), with their answer. */
export function listSpeakerChoices(db: Executor, gatheringId: number) {
	return db
		.selectFrom('invitee as i')
		.leftJoin('contact as c', 'c.id', 'i.contact_id')
		.leftJoin('account as a', 'a.id', 'c.account_id')
		.leftJoin('staff_member as s', 's.id', 'i.staff_member_id')
		.select((eb) => [
			'i.id',
			'i.role',
			'i.status',
			'c.account_id',
			'a.owner_user_id',
			eb.fn.coalesce('c.name', 's.name', 'i.walk_in_name').as('name'),
			eb.fn.coalesce('c.name_latin', 's.name_latin', 'i.walk_in_name_latin').as('name_latin'),
			eb.fn.coalesce('c.title', 's.title', 'i.walk_in_title').as('title'),
			's.title_en',
			'c.email',
			'c.locale',
			'c.salutation',
			eb.fn.coalesce('a.name', 'i.walk_in_company').as('company'),
			'a.name_en as company_en'
		])
		.where('i.gathering_id', '=', gatheringId)
		.orderBy('i.role', 'desc')
		.orderBy('i.id')
		.execute();
}

export type ListPerson = Awaited<ReturnType<typeof listSpeakerChoices>>[number];

export async function setAgendaText(
	db: Executor,
	gatheringId: number,
	text: { zh: string; en: string }
): Promise<void> {
	await db
		.updateTable('gathering')
		.set({ agenda_zh: text.zh, agenda_en: text.en })
		.where('id', '=', gatheringId)
		.execute();
}

/** A gathering's items of one kind (its tours, its banquet), in the order they start. */
export function listItemsOfKind(db: Executor, gatheringId: number, kind: string) {
	return db
		.selectFrom('program_item')
		.select(['id', 'title_zh', 'title_en', 'starts_at', 'ends_at', 'place'])
		.where('gathering_id', '=', gatheringId)
		.where('kind', '=', kind)
		.orderBy('starts_at')
		.orderBy('id')
		.execute();
}
