import type { Executor } from '../db';
import { byInvitee, listCompanions } from './companions';
import { listInvitees, type InviteeFilter } from './repository';

/**
 * The guest list with each person's companions (entries with name, Latin name, dietary needs):
 * for the guest list page, its detail panel and the CSV exports.
 */
export async function listInviteesWithCompanions(
	db: Executor,
	gatheringId: number,
	filter: InviteeFilter = {}
) {
	const rows = await listInvitees(db, gatheringId, filter);
	const companions = byInvitee(
		await listCompanions(
			db,
			gatheringId,
			rows.map((r) => r.id)
		)
	);
	return rows.map((r) => ({ ...r, companions: companions.get(r.id) ?? [] }));
}
