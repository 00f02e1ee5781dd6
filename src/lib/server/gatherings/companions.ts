import { sql } from 'kysely';
import type { Executor } from '../db';
import type { CompanionInput } from '$lib/domain/companions';

// Queries on invitee_companion: one row per companion, numbered from 1 per invitee (the number
// on the companion's badge). Scoped by gathering like every invitee query.

/** Companions announced by the invitee `i` of the surrounding query (a correlated count). */
export const companionCount = sql<number>`(select count(*) from invitee_companion ic where ic.invitee_id = i.id)`;
/** Of those, the ones checked in at the door. */
export const companionsArrived = sql<number>`(select count(*) from invitee_companion ic where ic.invitee_id = i.id and ic.checked_in_at is not null)`;

export function listCompanions(db: Executor, gatheringId: number, inviteeIds?: readonly number[]) {
	let q = db
		.selectFrom('invitee_companion')
		.select(['id', 'invitee_id', 'position', 'name', 'name_latin', 'dietary', 'checked_in_at'])
		.where('gathering_id', '=', gatheringId);
	if (inviteeIds) {
		if (inviteeIds.length === 0) {
			return Promise.resolve([]);
		}
		q = q.where('invitee_id', 'in', [...inviteeIds]);
	}
	return q.orderBy('invitee_id').orderBy('position').execute();
}

export type CompanionRow = Awaited<ReturnType<typeof listCompanions>>[number];

/** The names to print or write for companions: the name, else the Latin name; unnamed ones left out. */
export function companionNames(rows: readonly { name: string; name_latin?: string | null }[]) {
	return rows.map((c) => c.name || c.name_latin || '').filter(Boolean);
}

/** Groups companion rows by invitee id. */
export function byInvitee<T extends { invitee_id: number }>(rows: readonly T[]): Map<number, T[]> {
	const map = new Map<number, T[]>();
	for (const row of rows) {
		const list = map.get(row.invitee_id) ?? [];
		list.push(row);
		map.set(row.invitee_id, list);
	}
	return map;
}

/**
 * Makes an invitee's companions exactly `list`, in order. Entries keep their position (and so
 * their badge number and check-in) when only their details change; removed ones are deleted.
 */
export async function replaceCompanions(
	db: Executor,
	gatheringId: number,
	inviteeId: number,
	list: readonly CompanionInput[],
	now: string
): Promise<void> {
	await db
		.deleteFrom('invitee_companion')
		.where('gathering_id', '=', gatheringId)
		.where('invitee_id', '=', inviteeId)
		.where('position', '>', list.length)
		.execute();
	for (const [index, c] of list.entries()) {
		const values = {
			name: c.name,
			name_latin: c.name_latin || null,
			dietary: c.dietary || null
		};
		await db
			.insertInto('invitee_companion')
			.values({
				gathering_id: gatheringId,
				invitee_id: inviteeId,
				position: index + 1,
				...values,
				checked_in_at: null,
				created_at: now
			})
			.onConflict((oc) => oc.columns(['invitee_id', 'position']).doUpdateSet(values))
			.execute();
	}
}

/** Checks in (or out) one companion by badge number. Returns false when there is none such. */
export async function setCompanionArrived(
	db: Executor,
	gatheringId: number,
	inviteeId: number,
	position: number,
	at: string | null
): Promise<boolean> {
	const result = await db
		.updateTable('invitee_companion')
		.set({ checked_in_at: at })
		.where('gathering_id', '=', gatheringId)
		.where('invitee_id', '=', inviteeId)
		.where('position', '=', position)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

/** Adds an unnamed companion who turned up unannounced at the door, already checked in. */
export async function addDoorCompanion(
	db: Executor,
	gatheringId: number,
	inviteeId: number,
	at: string
): Promise<number> {
	const last = await db
		.selectFrom('invitee_companion')
		.select(sql<number>`coalesce(max(position), 0)`.as('n'))
		.where('invitee_id', '=', inviteeId)
		.where('gathering_id', '=', gatheringId)
		.executeTakeFirstOrThrow();
	const position = Number(last.n) + 1;
	await db
		.insertInto('invitee_companion')
		.values({
			gathering_id: gatheringId,
			invitee_id: inviteeId,
			position,
			name: '',
			name_latin: null,
			dietary: null,
			checked_in_at: at,
			created_at: at
		})
		.execute();
	return position;
}
