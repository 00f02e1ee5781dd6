import { z } from 'zod';
import type { Executor } from '../db';
import type { InviteeRole } from '../db/schema';
import { NotFoundError } from '../errors';
import { recordActivity } from '../activity/repository';
import { nowIso } from '../time';
import { optionalText, requiredText } from '../text';
import * as repo from './repository';
import { insertInvitee } from '../gatherings/repository';
import { requireGatheringRow } from '../gatherings/service';
import { freshCheckinCode } from './fresh-code';
import type { CheckinPerson } from './repository';
import type { CompanionRow } from '../gatherings/companions-repository';

export const walkInSchema = z.object({
	name: requiredText(100),
	name_latin: optionalText(100),
	company: optionalText(200),
	title: optionalText(100),
	role: z.enum(['guest', 'executive', 'staff'], 'error_choice')
});
export type WalkInInput = z.output<typeof walkInSchema>;

/** Someone not on the list arrives: add them accepted and checked in, ready for a badge. */
export async function addWalkIn(
	db: Executor,
	gatheringId: number,
	input: WalkInInput,
	userId: number | null
): Promise<CheckinPerson & { companions: CompanionRow[] }> {
	return db.transaction().execute(async (trx) => {
		await requireGatheringRow(trx, gatheringId);
		const now = nowIso();
		const id = await insertInvitee(trx, {
			gathering_id: gatheringId,
			walk_in_name: input.name,
			walk_in_name_latin: input.name_latin,
			walk_in_company: input.company,
			walk_in_title: input.title,
			role: input.role as InviteeRole,
			status: 'accepted',
			answer_source: 'walk_in',
			answered_at: now,
			checkin_code: await freshCheckinCode(trx),
			checked_in_at: now,
			checked_in_by: userId,
			created_at: now,
			updated_at: now
		});
		const person = await repo.findPerson(trx, gatheringId, id);
		if (!person) {
			throw new NotFoundError('checkin_error_not_found');
		}
		await recordActivity(trx, {
			user_id: userId,
			action: 'invitee.walked_in',
			subject_type: 'invitee',
			subject_id: id,
			gathering_id: gatheringId,
			details: { name: person.name, role: input.role }
		});
		return { ...person, companions: [] as CompanionRow[] };
	});
}
