import type { Executor } from '../db';
import type { InviteeRole } from '../db/schema';
import { ConflictError, DomainError, NotFoundError } from '../errors';
import { recordActivity } from '../activity/repository';
import { nowIso } from '../time';
import { parseScannedCode } from './code';
import * as repo from './repository';
import { updateInvitee } from '../gatherings/repository';
import type { CheckinPerson } from './repository';
import { matchScore } from './search';
import { byInvitee } from '../gatherings/companions';
import {
	addDoorCompanion,
	listCompanions,
	setCompanionArrived,
	type CompanionRow
} from '../gatherings/companions-repository';
import {
	companionPlaceKey,
	companionPlaces,
	NO_PLACE,
	type CompanionPlace
} from '../program/place-sql';

export type { CheckinPerson };
export { addWalkIn, walkInSchema, type WalkInInput } from './walk-in';

/** A person at the door with each of their companions (name, dietary needs, arrived or not). */
export type DoorPerson = repo.CheckinPerson & {
	/** With each companion's own table and tour group where the door list has read them. */
	companions: (CompanionRow & Partial<CompanionPlace>)[];
};

async function withCompanions(
	db: Executor,
	gatheringId: number,
	people: repo.CheckinPerson[]
): Promise<DoorPerson[]> {
	const ids = people.map((p) => p.id);
	const map = byInvitee(await listCompanions(db, gatheringId, ids));
	// Each companion's own table and tour group (the programme seats them one by one).
	const places = await companionPlaces(db, gatheringId, ids);
	return people.map((p) => ({
		...p,
		companions: (map.get(p.id) ?? []).map((c) => ({
			...c,
			...(places.get(companionPlaceKey(p.id, c.position)) ?? NO_PLACE)
		}))
	}));
}

async function load(db: Executor, gatheringId: number, inviteeId: number): Promise<DoorPerson> {
	const person = await repo.findPerson(db, gatheringId, inviteeId);
	if (!person) {
		throw new NotFoundError('checkin_error_not_found');
	}
	return (await withCompanions(db, gatheringId, [person]))[0];
}

function record(
	db: Executor,
	person: CheckinPerson,
	action: string,
	userId: number | null,
	details: Record<string, unknown> = {}
) {
	return recordActivity(db, {
		user_id: userId,
		action,
		subject_type: 'invitee',
		subject_id: person.id,
		account_id: person.account_id,
		gathering_id: person.gathering_id,
		details: { name: person.name, ...details }
	});
}

export interface ScanTarget {
	person: DoorPerson;
	/** 1-based named companion whose badge was scanned. */
	companion: number | null;
}

/**
 * What a scanned or typed code points at, refusing codes of other gatherings. Changes nothing:
 * the ?code= link shows this and asks before checking in.
 */
export async function resolveScan(
	db: Executor,
	gatheringId: number,
	input: string
): Promise<ScanTarget> {
	const scanned = parseScannedCode(input);
	if (!scanned) {
		throw new DomainError('checkin_error_bad_code');
	}
	if (scanned.gatheringId !== null && scanned.gatheringId !== gatheringId) {
		throw new DomainError('checkin_error_other_gathering');
	}
	const found = await repo.findByCode(db, scanned.code);
	if (!found) {
		throw new NotFoundError('checkin_error_unknown_code');
	}
	if (found.gathering_id !== gatheringId) {
		throw new DomainError('checkin_error_other_gathering');
	}
	const person = await load(db, gatheringId, found.id);
	// Every companion has their own badge, numbered by their entry's position.
	const companion =
		scanned.companion && person.companions.some((c) => c.position === scanned.companion)
			? scanned.companion
			: null;
	return { person, companion };
}

export type CheckinOutcome = 'checked_in' | 'already' | 'companion' | 'companions_full';

export interface CheckinResult {
	outcome: CheckinOutcome;
	person: DoorPerson;
}

/**
 * What arriving does to a person's answer. A guest who had not accepted becomes accepted, at the
 * door (source walk_in; their badge counts as changed). Our own people never answer: one marked
 * absent is simply present again.
 */
function arrivalAnswer(person: DoorPerson, now: string) {
	if (person.role !== 'guest') {
		return person.status === 'declined' ? { status: 'not_invited' as const, updated_at: now } : {};
	}
	return person.status === 'accepted'
		? {}
		: {
				status: 'accepted' as const,
				answer_source: 'walk_in' as const,
				answered_at: now,
				updated_at: now
			};
}

/** Marks a person arrived; a guest not (yet) accepted becomes accepted, as a walk-in answer. */
export async function checkIn(
	db: Executor,
	gatheringId: number,
	inviteeId: number,
	userId: number | null,
	via: 'scan' | 'search' | 'link' = 'search'
): Promise<CheckinResult> {
	return db.transaction().execute(async (trx) => {
		const person = await load(trx, gatheringId, inviteeId);
		if (person.checked_in_at) {
			return { outcome: 'already', person };
		}
		const now = nowIso();
		await updateInvitee(trx, gatheringId, inviteeId, {
			checked_in_at: now,
			checked_in_by: userId,
			...arrivalAnswer(person, now)
		});
		await record(trx, person, 'invitee.checked_in', userId, { via, status_before: person.status });
		return { outcome: 'checked_in', person: await load(trx, gatheringId, inviteeId) };
	});
}

/** A scanner or camera read: a person's badge checks them in, a companion's badge counts one. */
export async function checkInByScan(
	db: Executor,
	gatheringId: number,
	input: string,
	userId: number | null
): Promise<CheckinResult> {
	const { person, companion } = await resolveScan(db, gatheringId, input);
	if (!companion) {
		return checkIn(db, gatheringId, person.id, userId, 'scan');
	}
	if (person.companions.find((c) => c.position === companion)?.checked_in_at) {
		return { outcome: 'companions_full', person };
	}
	const updated = await setCompanionArrival(db, gatheringId, person.id, companion, true, userId);
	return { outcome: 'companion', person: updated };
}

export async function undoCheckIn(
	db: Executor,
	gatheringId: number,
	inviteeId: number,
	userId: number | null
): Promise<DoorPerson> {
	return db.transaction().execute(async (trx) => {
		const person = await load(trx, gatheringId, inviteeId);
		if (!person.checked_in_at) {
			throw new ConflictError('checkin_error_not_checked_in');
		}
		await updateInvitee(trx, gatheringId, inviteeId, {
			checked_in_at: null,
			checked_in_by: null
		});
		await record(trx, person, 'invitee.check_in_undone', userId, {
			was_checked_in_at: person.checked_in_at
		});
		return load(trx, gatheringId, inviteeId);
	});
}

/** Unannounced companions happen at the door, so the count may pass what was announced. */
export const MAX_COMPANIONS_ARRIVED = 20;

/** One companion, by their badge number, arrived (or not after all). */
export async function setCompanionArrival(
	db: Executor,
	gatheringId: number,
	inviteeId: number,
	position: number,
	arrived: boolean,
	userId: number | null
): Promise<DoorPerson> {
	return db.transaction().execute(async (trx) => {
		const person = await load(trx, gatheringId, inviteeId);
		const companion = person.companions.find((c) => c.position === position);
		if (!companion) {
			throw new NotFoundError('checkin_error_not_found');
		}
		if (Boolean(companion.checked_in_at) !== arrived) {
			await setCompanionArrived(trx, gatheringId, inviteeId, position, arrived ? nowIso() : null);
			await record(trx, person, 'invitee.companion_arrived', userId, {
				companion: companion.name || companion.name_latin || null,
				position,
				arrived
			});
		}
		return load(trx, gatheringId, inviteeId);
	});
}

/**
 * The door's +/−: + checks in the next announced companion not here yet, or adds one who came
 * unannounced; − takes back the last companion checked in.
 */
export async function changeCompanions(
	db: Executor,
	gatheringId: number,
	inviteeId: number,
	delta: number,
	userId: number | null
): Promise<DoorPerson> {
	return db.transaction().execute(async (trx) => {
		const person = await load(trx, gatheringId, inviteeId);
		const arrived = person.companions.filter((c) => c.checked_in_at);
		const next = arrived.length + delta;
		if (next < 0 || next > MAX_COMPANIONS_ARRIVED || Math.abs(delta) !== 1) {
			throw new DomainError('checkin_error_companions_range', { max: MAX_COMPANIONS_ARRIVED });
		}
		const now = nowIso();
		if (delta > 0) {
			const waiting = person.companions.find((c) => !c.checked_in_at);
			if (waiting) {
				await setCompanionArrived(trx, gatheringId, inviteeId, waiting.position, now);
			} else {
				await addDoorCompanion(trx, gatheringId, inviteeId, now);
			}
		} else {
			const last = arrived[arrived.length - 1];
			await setCompanionArrived(trx, gatheringId, inviteeId, last.position, null);
		}
		await record(trx, person, 'invitee.companions_arrived', userId, {
			from: arrived.length,
			to: next
		});
		return load(trx, gatheringId, inviteeId);
	});
}

export async function setPackHanded(
	db: Executor,
	gatheringId: number,
	inviteeId: number,
	handed: boolean,
	userId: number | null
): Promise<DoorPerson> {
	return db.transaction().execute(async (trx) => {
		const person = await load(trx, gatheringId, inviteeId);
		if (Boolean(person.pack_handed_at) === handed) {
			return person;
		}
		await updateInvitee(trx, gatheringId, inviteeId, {
			pack_handed_at: handed ? nowIso() : null
		});
		await record(trx, person, 'invitee.pack_handed', userId, { handed });
		return load(trx, gatheringId, inviteeId);
	});
}

export type DoorMatch = DoorPerson;

export async function searchDoor(
	db: Executor,
	gatheringId: number,
	query: string,
	limit = 20
): Promise<DoorMatch[]> {
	if (!query.trim()) {
		return [];
	}
	const everyone = await withCompanions(
		db,
		gatheringId,
		await repo.listDoorPeople(db, gatheringId)
	);
	return everyone
		.map((p) => ({
			p,
			score: matchScore(
				{
					...p,
					companions: p.companions.map((c) => [c.name, c.name_latin].filter(Boolean).join(' '))
				},
				query
			)
		}))
		.filter((x) => x.score > 0)
		.sort((a, b) => b.score - a.score || a.p.name.localeCompare(b.p.name, 'zh-CN'))
		.slice(0, limit)
		.map((x) => x.p);
}

export interface RoleCount {
	role: InviteeRole | 'companion';
	expected: number;
	arrived: number;
}

export async function checkinOverview(db: Executor, gatheringId: number) {
	const [rows, missingKey, recent] = await Promise.all([
		repo.countByRole(db, gatheringId),
		repo.listMissingKeyGuests(db, gatheringId),
		repo
			.listRecentArrivals(db, gatheringId, 8)
			.then((rows) => withCompanions(db, gatheringId, rows))
	]);
	const by = new Map(rows.map((r) => [r.role, r]));
	const counts: RoleCount[] = (['guest', 'executive', 'staff'] as const).map((role) => ({
		role,
		expected: Number(by.get(role)?.expected ?? 0),
		arrived: Number(by.get(role)?.arrived ?? 0)
	}));
	counts.push({
		role: 'companion',
		expected: rows.reduce((sum, r) => sum + Number(r.companions_expected ?? 0), 0),
		arrived: rows.reduce((sum, r) => sum + Number(r.companions_arrived ?? 0), 0)
	});
	const total = {
		expected: counts.reduce((sum, c) => sum + c.expected, 0),
		arrived: counts.reduce((sum, c) => sum + c.arrived, 0)
	};
	const packs = rows.reduce((sum, r) => sum + Number(r.packs ?? 0), 0);
	return { counts, total, packs, missingKey, recent };
}
