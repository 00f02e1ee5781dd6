import type { Executor } from '../db';
import type { InviteeUpdate } from '../db/schema';

/** The invitee (with their current answer) behind a live token, or undefined. */
export function findByTokenHash(db: Executor, tokenHash: string) {
	return db
		.selectFrom('rsvp_token as t')
		.innerJoin('invitee as i', 'i.id', 't.invitee_id')
		.select([
			'i.id as invitee_id',
			'i.gathering_id',
			'i.status',
			'i.answer_source',
			'i.answered_at',
			'i.companions_count',
			'i.companion_names',
			'i.dietary',
			'i.tour_language',
			'i.arrival_details',
			'i.message_to_host'
		])
		.where('t.token_hash', '=', tokenHash)
		.where('t.revoked_at', 'is', null)
		.executeTakeFirst();
}

export async function updateAnswer(
	db: Executor,
	gatheringId: number,
	inviteeId: number,
	values: InviteeUpdate
): Promise<void> {
	await db
		.updateTable('invitee')
		.set(values)
		.where('id', '=', inviteeId)
		.where('gathering_id', '=', gatheringId)
		.execute();
}

export function listMaterials(db: Executor, gatheringId: number) {
	return db
		.selectFrom('gathering_material')
		.select(['id', 'filename', 'size'])
		.where('gathering_id', '=', gatheringId)
		.orderBy('id')
		.execute();
}

export function findThrottle(db: Executor, address: string) {
	return db
		.selectFrom('rsvp_throttle')
		.selectAll()
		.where('address', '=', address)
		.executeTakeFirst();
}

export async function saveThrottle(
	db: Executor,
	address: string,
	failures: number,
	windowStart: string
): Promise<void> {
	await db
		.insertInto('rsvp_throttle')
		.values({ address, failures, window_start: windowStart })
		.onConflict((oc) => oc.column('address').doUpdateSet({ failures, window_start: windowStart }))
		.execute();
}
