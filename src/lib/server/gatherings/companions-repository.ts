import { sql } from 'kysely';
import type { Executor } from '../db';
import type { CompanionInput } from '$lib/domain/companions';

// Queries on invitee_companion: one row per companion, numbered from 1 per invitee (the number
// on the companion's badge). Scoped by gathering like every invitee query. The correlated
// counts for a surrounding invitee query are in invitee-sql.ts.

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
