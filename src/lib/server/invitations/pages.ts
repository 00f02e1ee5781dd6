import type { Db } from '../db';
import { listGatheringActivity } from '../activity/repository';
import { callList } from './calls';
import * as repo from './repository';

export type { InviteeRow } from './repository';
import { previewInvitation } from './service';

// What the invitations and calls pages show of a gathering (the gathering itself comes from
// the gathering layout). One function per page, so the routes only shape the answer.

/** The list to send from, an optional email preview for one guest, and what was sent when. */
export async function loadInvitationsPage(db: Db, gatheringId: number, previewId: number | null) {
	const [invitees, preview, activity] = await Promise.all([
		repo.listInvitees(db, gatheringId),
		previewId ? previewInvitation(db, gatheringId, previewId) : null,
		listGatheringActivity(db, gatheringId, 200)
	]);
	return {
		invitees,
		preview,
		history: activity.filter(
			(a) => a.action.startsWith('invitee.') || a.action === 'gathering.update_sent'
		)
	};
}

/** Who to call (invited, no answer), everyone staff may answer for, the calls made and answers set. */
export async function loadCallsPage(db: Db, gatheringId: number) {
	const [toCall, invitees, calls, activity] = await Promise.all([
		callList(db, gatheringId),
		repo.listInvitees(db, gatheringId),
		repo.listCalls(db, gatheringId),
		listGatheringActivity(db, gatheringId, 200)
	]);
	return {
		toCall,
		invitees,
		calls,
		history: activity.filter(
			(a) => a.action === 'call.logged' || a.action.startsWith('invitee.answer')
		)
	};
}
