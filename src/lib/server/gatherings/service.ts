import type { Executor } from '../db';
import type { Gathering, GatheringStatus, GatheringUpdate } from '../db/schema';
import { DomainError, NotFoundError } from '../errors';
import { recordActivity } from '../activity/repository';
import { inTransaction } from '../accounts/transaction';
import { generateToken } from '../auth/tokens';
import { nowIso } from '../time';
import * as repo from './repository';
import { countAcceptedHeads, listGatheringsWithCounts } from './counts-repository';
import { freshCheckinCode } from '../checkin/fresh-code';
import { generatedMapUrl, statusTransitions, type GatheringInput } from './schema';

export class StatusTransitionError extends DomainError {
	constructor(from: GatheringStatus, to: GatheringStatus) {
		super('gatherings_error_transition', { from, to }, 409);
	}
}

/** The stored map link, or one made from the address when none was typed. */
function mapUrlFor(input: GatheringInput): string | null {
	return input.map_url ?? (input.venue_address ? generatedMapUrl(input.venue_address) : null);
}

function columns(input: GatheringInput) {
	return {
		title_zh: input.title_zh,
		title_en: input.title_en,
		description_zh: input.description_zh ?? '',
		description_en: input.description_en ?? '',
		venue_name: input.venue_name ?? '',
		venue_address: input.venue_address ?? '',
		map_url: mapUrlFor(input),
		time_zone: input.time_zone,
		starts_at: input.starts_at,
		ends_at: input.ends_at,
		rsvp_deadline: input.rsvp_deadline,
		capacity: input.capacity,
		companions_allowed: input.companions_allowed,
		dress_code: input.dress_code,
		bring_notes: input.bring_notes,
		host_name: input.host_name,
		host_phone: input.host_phone,
		host_email: input.host_email,
		venue_name_en: input.venue_name_en ?? null,
		venue_address_en: input.venue_address_en ?? null,
		dress_code_en: input.dress_code_en ?? null,
		bring_notes_en: input.bring_notes_en ?? null,
		host_name_en: input.host_name_en ?? null,
		reminder_days_before: input.reminder_days_before
	};
}

/** The time and place as guests know them, for the update email's "old → new". */
export function snapshotSchedule(g: Gathering): string {
	return JSON.stringify(Object.fromEntries(SCHEDULE_FIELDS.map((f) => [f, g[f]])));
}

export function newGatheringUid(): string {
	return `${generateToken()}@gala`;
}

/** Every gathering with its list's counts, newest first (the gatherings page). */
export function listGatherings(db: Executor) {
	return listGatheringsWithCounts(db);
}

export async function requireGatheringRow(db: Executor, id: number): Promise<Gathering> {
	const gathering = await repo.findGathering(db, id);
	if (!gathering) {
		throw new NotFoundError();
	}
	return gathering;
}

export async function createGathering(
	db: Executor,
	input: GatheringInput,
	userId: number | null
): Promise<number> {
	return inTransaction(db, async (trx) => {
		const now = nowIso();
		const id = await repo.insertGathering(trx, {
			...columns(input),
			uid: newGatheringUid(),
			status: 'draft',
			created_by: userId,
			created_at: now,
			updated_at: now
		});
		await recordActivity(trx, {
			user_id: userId,
			action: 'gathering.created',
			subject_type: 'gathering',
			subject_id: id,
			gathering_id: id,
			details: { title: input.title_zh }
		});
		return id;
	});
}

/** Fields whose change makes calendar entries out of date. */
const SCHEDULE_FIELDS = [
	'starts_at',
	'ends_at',
	'time_zone',
	'venue_name',
	'venue_address',
	'venue_name_en',
	'venue_address_en'
] as const;

export interface UpdateResult {
	/** Time, time zone or venue changed (and `ics_sequence` went up). */
	scheduleChanged: boolean;
	/** …and the gathering is open with accepted guests who should hear about it. */
	offerUpdate: boolean;
}

export async function updateGathering(
	db: Executor,
	id: number,
	input: GatheringInput,
	userId: number | null
): Promise<UpdateResult> {
	return inTransaction(db, async (trx) => {
		const before = await requireGatheringRow(trx, id);
		const next = columns(input);
		// A link generated from the old address follows the new one; a hand-typed link stays.
		if (
			!input.map_url &&
			before.map_url &&
			before.map_url !== generatedMapUrl(before.venue_address)
		) {
			next.map_url = before.map_url;
		}
		const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
			(key) => next[key] !== before[key]
		);
		const scheduleChanged = SCHEDULE_FIELDS.some((f) => changed.includes(f));
		const changes: GatheringUpdate = { ...next, updated_at: nowIso() };
		if (scheduleChanged) {
			// Raised in the same UPDATE so no calendar file is ever built with new times and an old SEQUENCE.
			changes.ics_sequence = before.ics_sequence + 1;
			// What the guests knew before the first unannounced change: the update email's "old".
			changes.announced_schedule = before.announced_schedule ?? snapshotSchedule(before);
		}
		await repo.updateGathering(trx, id, changes);
		if (changed.length > 0) {
			await recordActivity(trx, {
				user_id: userId,
				action: 'gathering.updated',
				subject_type: 'gathering',
				subject_id: id,
				gathering_id: id,
				details: { fields: changed, schedule_changed: scheduleChanged }
			});
		}
		let offerUpdate = false;
		if (scheduleChanged && before.status === 'open') {
			offerUpdate = (await countAcceptedHeads(trx, id)).people > 0;
		}
		return { scheduleChanged, offerUpdate };
	});
}

export function allowedTransitions(status: GatheringStatus): GatheringStatus[] {
	return statusTransitions[status];
}

export async function changeStatus(
	db: Executor,
	id: number,
	to: GatheringStatus,
	userId: number | null
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const gathering = await requireGatheringRow(trx, id);
		if (!statusTransitions[gathering.status].includes(to)) {
			throw new StatusTransitionError(gathering.status, to);
		}
		await repo.updateGathering(trx, id, { status: to, updated_at: nowIso() });
		await recordActivity(trx, {
			user_id: userId,
			action: 'gathering.status_changed',
			subject_type: 'gathering',
			subject_id: id,
			gathering_id: id,
			details: { from: gathering.status, to }
		});
	});
}

/**
 * A copy to start from: same facts, a new calendar UID, status draft. With `copyGuests`, the same
 * people and roles, but nobody invited yet and no answers, companions or check-ins.
 */
export async function duplicateGathering(
	db: Executor,
	id: number,
	options: { copyGuests: boolean },
	userId: number | null
): Promise<number> {
	return inTransaction(db, async (trx) => {
		const source = await requireGatheringRow(trx, id);
		const now = nowIso();
		const copyId = await repo.insertGathering(trx, {
			uid: newGatheringUid(),
			title_zh: source.title_zh,
			title_en: source.title_en,
			description_zh: source.description_zh,
			description_en: source.description_en,
			venue_name: source.venue_name,
			venue_address: source.venue_address,
			map_url: source.map_url,
			time_zone: source.time_zone,
			starts_at: source.starts_at,
			ends_at: source.ends_at,
			rsvp_deadline: source.rsvp_deadline,
			capacity: source.capacity,
			companions_allowed: source.companions_allowed,
			dress_code: source.dress_code,
			bring_notes: source.bring_notes,
			host_name: source.host_name,
			host_phone: source.host_phone,
			host_email: source.host_email,
			venue_name_en: source.venue_name_en,
			venue_address_en: source.venue_address_en,
			dress_code_en: source.dress_code_en,
			bring_notes_en: source.bring_notes_en,
			host_name_en: source.host_name_en,
			status: 'draft',
			reminder_days_before: source.reminder_days_before,
			reminder_sent_at: null,
			badge_palette: source.badge_palette,
			created_by: userId,
			created_at: now,
			updated_at: now
		});
		let copied = 0;
		if (options.copyGuests) {
			const people = await repo.listCopyablePeople(trx, id);
			for (const p of people) {
				await repo.insertInvitee(trx, {
					gathering_id: copyId,
					contact_id: p.contact_id,
					staff_member_id: p.staff_member_id,
					role: p.role,
					checkin_code: await freshCheckinCode(trx),
					created_at: now,
					updated_at: now
				});
			}
			copied = people.length;
		}
		await recordActivity(trx, {
			user_id: userId,
			action: 'gathering.duplicated',
			subject_type: 'gathering',
			subject_id: copyId,
			gathering_id: copyId,
			details: { from_gathering_id: id, guests_copied: copied }
		});
		return copyId;
	});
}
