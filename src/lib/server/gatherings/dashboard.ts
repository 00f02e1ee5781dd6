import type { Executor } from '../db';
import type { Gathering } from '../db/schema';
import * as aggregate from './counts-repository';
import * as repo from './repository';
import { checkSchedule, type ScheduleCheck } from './scheduling';
import { guestSummary } from './told';

/** Guests' answers; our own people (hosts) and walk-ins are counted apart. */
export interface StatusCounts {
	/** Guests on the list (not our people, not walk-ins). */
	listed: number;
	notInvited: number;
	/** Guests who have had an invitation, answered or not (walk-ins never had one). */
	invited: number;
	/** Invited guests who accepted. */
	accepted: number;
	/** Everyone attending plus their companions: guests, walk-ins and our people. */
	acceptedHeads: number;
	declined: number;
	/** Invited without an answer yet. */
	noAnswer: number;
	/** Guests who came without an invitation, registered at the door. */
	walkIns: number;
	/** Our executives and staff on the list who are not marked absent. */
	hostsAttending: number;
	hostsAbsent: number;
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
	const rows = (await aggregate.countByStatus(db, gatheringId)).map((r) => ({
		...r,
		people: Number(r.people),
		heads: Number(r.heads),
		walkIn: Number(r.walk_in) === 1,
		attending: Number(r.attending) === 1
	}));
	const sum = (pick: (r: (typeof rows)[number]) => boolean, of: 'people' | 'heads' = 'people') =>
		rows.filter(pick).reduce((n, r) => n + r[of], 0);
	const guest = (r: (typeof rows)[number]) => r.role === 'guest' && !r.walkIn;
	const host = (r: (typeof rows)[number]) => r.role !== 'guest';
	const attending = (r: (typeof rows)[number]) => r.attending;
	return {
		listed: sum(guest),
		notInvited: sum((r) => guest(r) && r.status === 'not_invited'),
		invited: sum((r) => guest(r) && r.status !== 'not_invited'),
		accepted: sum((r) => guest(r) && r.status === 'accepted'),
		acceptedHeads: sum(attending, 'heads'),
		declined: sum((r) => guest(r) && r.status === 'declined'),
		noAnswer: sum((r) => guest(r) && r.status === 'invited'),
		walkIns: sum((r) => r.role === 'guest' && r.walkIn),
		hostsAttending: sum((r) => host(r) && attending(r)),
		hostsAbsent: sum((r) => host(r) && !attending(r))
	};
}

export async function loadDashboard(db: Executor, gathering: Gathering) {
	const [counts, byTier, byAccount, schedule, told] = await Promise.all([
		statusCounts(db, gathering.id),
		aggregate.countByGroup(db, gathering.id, 'tier'),
		aggregate.countByGroup(db, gathering.id, 'account'),
		loadScheduleCheck(db, gathering.id, gathering),
		guestSummary(db, gathering.id)
	]);
	return {
		counts,
		capacity: capacityLevel(counts.acceptedHeads, gathering.capacity),
		byTier,
		byAccount,
		schedule,
		told
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
