import type { Executor } from '../db';
import type { InviteeRole } from '../db/schema';
import { ConflictError, DomainError, NotFoundError } from '../errors';
import { recordActivity } from '../activity/repository';
import { nowIso } from '../time';
import { parseScannedCode } from './code';
import * as repo from './repository';
import type { CheckinPerson } from './repository';
import { matchScore } from './search';

export type { CheckinPerson };
export { addWalkIn, walkInSchema, type WalkInInput } from './walk-in';

function companionList(json: string): string[] {
	try {
		const value: unknown = JSON.parse(json);
		return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
	} catch {
		return [];
	}
}

async function load(db: Executor, gatheringId: number, inviteeId: number): Promise<CheckinPerson> {
	const person = await repo.findPerson(db, gatheringId, inviteeId);
	if (!person) {
		throw new NotFoundError('checkin_error_not_found');
	}
	return person;
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
	person: CheckinPerson;
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
	// Unnamed companions have badges too (numbered after the named ones).
	const badges = Math.max(companionList(person.companion_names).length, person.companions_count);
	const companion = scanned.companion && scanned.companion <= badges ? scanned.companion : null;
	return { person, companion };
}

export type CheckinOutcome = 'checked_in' | 'already' | 'companion' | 'companions_full';

export interface CheckinResult {
	outcome: CheckinOutcome;
	person: CheckinPerson;
}

/** Marks a person arrived; someone not (yet) accepted becomes accepted, as a walk-in answer. */
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
		await repo.updateInvitee(trx, gatheringId, inviteeId, {
			checked_in_at: now,
			checked_in_by: userId,
			...(person.status === 'accepted'
				? {}
				: // Their answer changes, so their badge (if any) counts as changed too.
					{ status: 'accepted', answer_source: 'walk_in', answered_at: now, updated_at: now })
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
	if (person.companions_arrived >= Math.max(person.companions_count, companion)) {
		return { outcome: 'companions_full', person };
	}
	const updated = await changeCompanions(db, gatheringId, person.id, 1, userId);
	return { outcome: 'companion', person: updated };
}

export async function undoCheckIn(
	db: Executor,
	gatheringId: number,
	inviteeId: number,
	userId: number | null
): Promise<CheckinPerson> {
	return db.transaction().execute(async (trx) => {
		const person = await load(trx, gatheringId, inviteeId);
		if (!person.checked_in_at) {
			throw new ConflictError('checkin_error_not_checked_in');
		}
		await repo.updateInvitee(trx, gatheringId, inviteeId, {
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

export async function changeCompanions(
	db: Executor,
	gatheringId: number,
	inviteeId: number,
	delta: number,
	userId: number | null
): Promise<CheckinPerson> {
	return db.transaction().execute(async (trx) => {
		const person = await load(trx, gatheringId, inviteeId);
		const next = person.companions_arrived + delta;
		if (next < 0 || next > MAX_COMPANIONS_ARRIVED) {
			throw new DomainError('checkin_error_companions_range', { max: MAX_COMPANIONS_ARRIVED });
		}
		await repo.updateInvitee(trx, gatheringId, inviteeId, { companions_arrived: next });
		await record(trx, person, 'invitee.companions_arrived', userId, {
			from: person.companions_arrived,
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
): Promise<CheckinPerson> {
	return db.transaction().execute(async (trx) => {
		const person = await load(trx, gatheringId, inviteeId);
		if (Boolean(person.pack_handed_at) === handed) {
			return person;
		}
		await repo.updateInvitee(trx, gatheringId, inviteeId, {
			pack_handed_at: handed ? nowIso() : null
		});
		await record(trx, person, 'invitee.pack_handed', userId, { handed });
		return load(trx, gatheringId, inviteeId);
	});
}

export interface DoorMatch extends CheckinPerson {
	companions: string[];
}

export async function searchDoor(
	db: Executor,
	gatheringId: number,
	query: string,
	limit = 20
): Promise<DoorMatch[]> {
	if (!query.trim()) {
		return [];
	}
	const everyone = await repo.listDoorPeople(db, gatheringId);
	return everyone
		.map((p) => ({ ...p, companions: companionList(p.companion_names) }))
		.map((p) => ({ p, score: matchScore(p, query) }))
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
		repo.listRecentArrivals(db, gatheringId, 8)
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
