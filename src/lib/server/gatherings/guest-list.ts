import type { Executor } from '../db';
import { listInviteesWithCompanions } from './attendees';
import {
	directoryChoices,
	findDirectoryContacts,
	hasDirectoryFilter,
	type DirectoryFilter
} from './directory';
import { countInvitees, listedContactIds, listedStaffIds, type InviteeFilter } from './repository';

export type { InviteeFilter };

/**
 * Everything the guest list page shows: the (filtered) list with companions, how many are on it
 * in all, the choices for adding people, and (when a directory filter is given) the directory's
 * matches, each marked when already on the list.
 */
export async function loadGuestList(
	db: Executor,
	gatheringId: number,
	filter: InviteeFilter,
	directory: DirectoryFilter
) {
	const [invitees, total, choices, onList, staffOnList, found] = await Promise.all([
		listInviteesWithCompanions(db, gatheringId, filter),
		countInvitees(db, gatheringId),
		directoryChoices(db),
		listedContactIds(db, gatheringId),
		listedStaffIds(db, gatheringId),
		hasDirectoryFilter(directory) ? findDirectoryContacts(db, directory, 200) : null
	]);
	return {
		invitees,
		total,
		choices,
		found: found?.map((c) => ({ ...c, onList: onList.has(c.id) })) ?? null,
		staffOnList: [...staffOnList]
	};
}
