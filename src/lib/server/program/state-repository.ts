import type { Executor } from '../db';
import type { ProgramStateTable } from '../db/schema';
import type { Updateable } from 'kysely';
import { nowIso } from '../time';

/** The programme's per-gathering state; a gathering without a row has the defaults. */
export async function getState(db: Executor, gatheringId: number) {
	const row = await db
		.selectFrom('program_state')
		.selectAll()
		.where('gathering_id', '=', gatheringId)
		.executeTakeFirst();
	return (
		row ?? {
			gathering_id: gatheringId,
			designated_invitee_id: null,
			late_minutes: 0,
			late_updated_at: null,
			entrance: 'bottom',
			updated_at: ''
		}
	);
}

export async function updateState(
	db: Executor,
	gatheringId: number,
	values: Updateable<ProgramStateTable>
): Promise<void> {
	const now = nowIso();
	await db
		.insertInto('program_state')
		.values({ gathering_id: gatheringId, updated_at: now, ...values } as never)
		.onConflict((oc) => oc.column('gathering_id').doUpdateSet({ ...values, updated_at: now }))
		.execute();
}
