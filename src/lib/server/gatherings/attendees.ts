import type { Executor } from '../db';
import { byInvitee } from './companions';
import { listCompanions } from './companions-repository';
import { listInvitees, type InviteeFilter } from './repository';
import { requireGatheringRow } from './service';

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

/** The gathering and its attending people with companions, for the attendee CSV. */
export async function loadAttendeeExport(db: Executor, gatheringId: number) {
	const gathering = await requireGatheringRow(db, gatheringId);
	return {
		gathering,
		rows: await listInviteesWithCompanions(db, gatheringId, { attending: true })
	};
}
