import type { Insertable } from 'kysely';
import type { Executor } from '../db';
import type { GatheringMaterialTable } from '../db/schema';

type NewGatheringMaterial = Insertable<GatheringMaterialTable>;

const listed = ['id', 'gathering_id', 'filename', 'content_type', 'size', 'created_at'] as const;

export function listMaterials(db: Executor, gatheringId: number) {
	return db
		.selectFrom('gathering_material')
		.select(listed)
		.where('gathering_id', '=', gatheringId)
		.orderBy('created_at')
		.orderBy('id')
		.execute();
}

export function findMaterial(db: Executor, gatheringId: number, id: number) {
	return db
		.selectFrom('gathering_material')
		.select([...listed, 'content'])
		.where('gathering_id', '=', gatheringId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function insertMaterial(db: Executor, row: NewGatheringMaterial): Promise<number> {
	const inserted = await db
		.insertInto('gathering_material')
		.values(row)
		.returning('id')
		.executeTakeFirstOrThrow();
	return inserted.id;
}

export async function deleteMaterial(db: Executor, gatheringId: number, id: number) {
	const result = await db
		.deleteFrom('gathering_material')
		.where('gathering_id', '=', gatheringId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/**
 * The invitee behind a live RSVP token (its hash), with what decides access to materials; a
 * link of a gathering that ended at or before `endedBefore` is dead.
 */
export function findInviteeByTokenHash(db: Executor, tokenHash: string, endedBefore: string) {
	return db
		.selectFrom('rsvp_token as t')
		.innerJoin('invitee as i', 'i.id', 't.invitee_id')
		.innerJoin('gathering as g', 'g.id', 'i.gathering_id')
		.select(['i.id', 'i.gathering_id', 'i.status'])
		.where('t.token_hash', '=', tokenHash)
		.where('t.revoked_at', 'is', null)
		.where('g.ends_at', '>', endedBefore)
		.executeTakeFirst();
}

export function findInviteeAccess(db: Executor, inviteeId: number) {
	return db
		.selectFrom('invitee')
		.select(['id', 'gathering_id', 'status'])
		.where('id', '=', inviteeId)
		.executeTakeFirst();
}
