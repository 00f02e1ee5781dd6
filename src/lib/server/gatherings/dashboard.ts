import type { Executor } from '../db';
import type { Gathering, InviteeStatus } from '../db/schema';
import * as aggregate from './counts';
import * as repo from './repository';
import { checkSchedule, type ScheduleCheck } from './scheduling';

export interface StatusCounts {
	listed: number;
	notInvited: number;
	/** Everyone who has had an invitation, answered or not. */
	invited: number;
	accepted: number;
	/** Accepted guests plus the companions they bring. */
	acceptedHeads: number;
	declined: number;
	/** Invited without an answer yet. */
	noAnswer: number;
}

export type CapacityLevel = 'none' | 'ok' | 'near' | 'full' | 'over';

/** How close the accepted head count is to capacity; "near" from 90 %. */
export function capacityLevel(heads: number, capacity: number | null): CapacityLevel {
	if (!capacity) {
		return 'none';
	}
	if (heads > capacity) {
		return 'over';
	}
	if (heads === capacity) {
		return 'full';
	}
	return heads >= Math.ceil(capacity * 0.9) ? 'near' : 'ok';
}

export async function statusCounts(db: Executor, gatheringId: number): Promise<StatusCounts> {
	const rows = await aggregate.countByStatus(db, gatheringId);
	const get = (s: InviteeStatus) => rows.find((r) => r.status === s);
	const people = (s: InviteeStatus) => Number(get(s)?.people ?? 0);
	const listed = rows.reduce((n, r) => n + Number(r.people), 0);
	return {
		listed,
		notInvited: people('not_invited'),
		invited: listed - people('not_invited'),
		accepted: people('accepted'),
		acceptedHeads: Number(get('accepted')?.heads ?? 0),
		declined: people('declined'),
		noAnswer: people('invited')
	};
}

export async function loadDashboard(db: Executor, gathering: Gathering) {
	const [counts, byTier, byAccount, schedule] = await Promise.all([
		statusCounts(db, gathering.id),
		aggregate.countByGroup(db, gathering.id, 'tier'),
		aggregate.countByGroup(db, gathering.id, 'account'),
		loadScheduleCheck(db, gathering.id, gathering)
	]);
	return {
		counts,
		capacity: capacityLevel(counts.acceptedHeads, gathering.capacity),
		byTier,
		byAccount,
		schedule
	};
}

/** Runs the scheduling check for a gathering's list at the given (possibly unsaved) time. */
export async function loadScheduleCheck(
	db: Executor,
	gatheringId: number | null,
	time: { starts_at: string; ends_at: string; time_zone: string }
): Promise<ScheduleCheck> {
	const [people, others] = gatheringId
		? await Promise.all([
				repo.listSchedulePeople(db, gatheringId),
				repo.listOtherListings(db, gatheringId)
			])
		: [[], []];
	return checkSchedule({
		startsAt: time.starts_at,
		endsAt: time.ends_at,
		timeZone: time.time_zone,
		people,
		others: others.map((o) => ({ ...o, title: o.title_zh }))
	});
}
