import { z } from 'zod';
import type { Db, Executor } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { recordActivity } from '../activity/repository';
import { clock } from './agenda';
import {
	previousPlaces,
	recordPlacement,
	requireGatheringRow,
	sharedBreachView,
	writePlacement
} from './placement';
import { listAttendees } from './attendees';
import * as repo from './tours-repository';
import { intIn, requiredText, text } from './schema';
import { isHostRole, unitOf, type Attendee } from '$lib/domain/program/people';
import {
	assignTours,
	staggeredOffsets,
	stopClashes,
	tourBreaches,
	type RouteStop,
	type TourBreach,
	type TourPerson
} from '$lib/domain/program/tours';
import { MINUTE_MS } from '$lib/domain/program/agenda';
import type { BreachView } from '$lib/domain/program/breaches';
import type { Locale } from '../db/schema';

export const TOUR_GROUP_LANGUAGES = ['zh', 'en'] as const;

/** One stop a line: "place | minutes | safety notes". */
export function parseRoute(raw: string): RouteStop[] | null {
	const stops: RouteStop[] = [];
	for (const line of raw
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean)) {
		const [place, minutes, ...safety] = line.split('|').map((p) => p.trim());
		const n = Number(minutes);
		if (!place || !Number.isInteger(n) || n < 1 || n > 600) {
			return null;
		}
		stops.push({ place, minutes: n, safety: safety.join(' | ') });
	}
	return stops;
}

export function routeText(route: RouteStop[]): string {
	return route
		.map((s) => [s.place, s.minutes, s.safety].filter((p) => p !== '').join(' | '))
		.join('\n');
}

export const groupSchema = z.object({
	id: z.coerce.number().int().positive().optional().catch(undefined),
	item_id: z.coerce.number().int().positive('error_choice'),
	name: requiredText(100),
	guide_invitee_id: z.coerce.number().int().nonnegative().catch(0),
	language: z.enum(TOUR_GROUP_LANGUAGES, 'error_choice'),
	capacity: intIn(1, 500),
	start_offset_min: intIn(0, 24 * 60),
	route: text(4000).refine((r) => parseRoute(r) !== null, 'program_error_route')
});
export type GroupInput = z.output<typeof groupSchema>;

function parseStoredRoute(json: string): RouteStop[] {
	try {
		const v = JSON.parse(json);
		return Array.isArray(v) ? (v as RouteStop[]) : [];
	} catch {
		return [];
	}
}

export function toTourPerson(a: Attendee): TourPerson {
	return {
		key: a.key,
		unit: unitOf(a),
		language: a.tourLanguage || null,
		executive: a.role === 'executive'
	};
}

type GroupRow = Awaited<ReturnType<typeof repo.listGroups>>[number];
type ItemRow = Awaited<ReturnType<typeof repo.listTourItems>>[number];

/** The tour items of a gathering and the one asked for (else the first; null without any). */
async function pickItem(db: Executor, gatheringId: number, itemId?: number | null) {
	const items = await repo.listTourItems(db, gatheringId);
	const item = items.find((i) => i.id === itemId) ?? items[0] ?? null;
	return { items, item };
}

/** A tour item that must exist (actions name it). */
async function requireItem(db: Executor, gatheringId: number, itemId: number): Promise<ItemRow> {
	const { item } = await pickItem(db, gatheringId, itemId);
	if (!item || item.id !== itemId) {
		throw new DomainError('program_error_tour_item');
	}
	return item;
}

/** Who tours with a tour item's groups: everyone attending but those guiding one of them. */
function touringPeople(attendees: Attendee[], groups: GroupRow[]): Attendee[] {
	const guides = new Set(groups.map((g) => g.guide_invitee_id).filter((id) => id !== null));
	return attendees.filter((a) => !guides.has(a.inviteeId) || a.role === 'companion');
}

/**
 * Everything the tours page shows for one tour item (`itemId`, else the first): its groups with
 * members and timetable, who has no group yet, warnings and breaches; and the items to pick from.
 */
export async function loadTours(db: Executor, gatheringId: number, itemId?: number | null) {
	const g = await requireGatheringRow(db, gatheringId);
	const { items, item } = await pickItem(db, gatheringId, itemId);
	const attendees = await listAttendees(db, gatheringId);
	const [groups, members] = item
		? await Promise.all([
				repo.listGroups(db, gatheringId, item.id),
				repo.listMembers(db, gatheringId, item.id)
			])
		: [[], []];
	const byKey = new Map(attendees.map((a) => [a.key, a]));
	const touring = touringPeople(attendees, groups);
	const pinned = new Set(members.filter((m) => m.pinned === 1).map((m) => m.person_key));
	const assignment = new Map(
		members.filter((m) => byKey.has(m.person_key)).map((m) => [m.person_key, m.group_id])
	);
	const start = item ? Date.parse(item.starts_at) : 0;
	const at = (minutes: number) =>
		item ? clock(new Date(start + minutes * MINUTE_MS).toISOString(), g.time_zone) : '';
	const nameOf = (id: number) => groups.find((gr) => gr.id === id)?.name ?? '';
	const breaches = tourBreaches(groups.map(toSpec), touring.map(toTourPerson), assignment, []);
	return {
		timeZone: g.time_zone,
		item: item?.id ?? null,
		items: items.map((i) => ({
			id: i.id,
			title_zh: i.title_zh,
			title_en: i.title_en,
			startClock: clock(i.starts_at, g.time_zone),
			endClock: clock(i.ends_at, g.time_zone)
		})),
		groups: groups.map((gr) => ({
			...groupView(gr, attendees, at),
			members: touring
				.filter((a) => assignment.get(a.key) === gr.id)
				.map((a) => personView(a, pinned.has(a.key)))
		})),
		unassigned: touring.filter((a) => !assignment.has(a.key)).map((a) => personView(a, false)),
		clashes: stopClashes(groups.map(timetableGroup)).map((c) => ({
			place: c.place,
			groupA: nameOf(c.groupA),
			groupB: nameOf(c.groupB),
			from: at(c.from),
			to: at(c.to)
		})),
		breaches: breaches.map((b) => describeBreach(b, byKey, nameOf)),
		guides: attendees
			.filter((a) => isHostRole(a.role))
			.map((a) => ({ id: a.inviteeId, name: a.name, title: a.title }))
	};
}

const toSpec = (gr: GroupRow) => ({ id: gr.id, capacity: gr.capacity, language: gr.language });

const timetableGroup = (gr: GroupRow) => ({
	id: gr.id,
	name: gr.name,
	startOffset: gr.start_offset_min,
	route: parseStoredRoute(gr.route)
});

/** One group as the page shows it: guide, start and each stop's clock times. */
function groupView(gr: GroupRow, attendees: Attendee[], at: (minutes: number) => string) {
	const route = parseStoredRoute(gr.route);
	let offset = gr.start_offset_min;
	const guide = attendees.find(
		(a) => a.inviteeId === gr.guide_invitee_id && a.role !== 'companion'
	);
	return {
		id: gr.id,
		itemId: gr.item_id,
		name: gr.name,
		guideId: gr.guide_invitee_id,
		guideName: guide?.name ?? '',
		language: gr.language,
		capacity: gr.capacity,
		startOffset: gr.start_offset_min,
		startClock: at(gr.start_offset_min),
		routeText: routeText(route),
		stops: route.map((stop) => {
			const from = offset;
			offset += stop.minutes;
			return { ...stop, from: at(from), to: at(offset) };
		})
	};
}

function personView(a: Attendee, pinned: boolean) {
	return {
		key: a.key,
		name: a.name,
		nameLatin: a.nameLatin,
		company: a.company,
		role: a.role,
		language: a.tourLanguage,
		phone: a.phone,
		dietary: a.dietary,
		pinned
	};
}

function describeBreach(
	b: TourBreach,
	byKey: Map<string, Attendee>,
	nameOf: (id: number) => string
): BreachView {
	switch (b.rule) {
		case 'language':
			return {
				rule: b.rule,
				names: b.keys.map((k) => byKey.get(k)?.name ?? k).join('、'),
				group: nameOf(b.groupId),
				company: ''
			};
		case 'executive_spread':
			return { rule: b.rule, names: '', group: b.groupIds.map(nameOf).join('、'), company: '' };
		default:
			return sharedBreachView(b, byKey, 'groupId' in b ? nameOf(b.groupId) : '')!;
	}
}

export async function saveGroup(
	db: Db,
	gatheringId: number,
	input: GroupInput,
	userId: number | null
): Promise<number> {
	return db.transaction().execute(async (trx) => {
		await requireItem(trx, gatheringId, input.item_id);
		let guide: number | null = null;
		if (input.guide_invitee_id) {
			const hosts = (await listAttendees(trx, gatheringId)).filter((a) => isHostRole(a.role));
			if (!hosts.some((h) => h.inviteeId === input.guide_invitee_id)) {
				throw new DomainError('program_error_guide');
			}
			guide = input.guide_invitee_id;
		}
		const values = {
			item_id: input.item_id,
			name: input.name,
			guide_invitee_id: guide,
			language: input.language,
			capacity: input.capacity,
			start_offset_min: input.start_offset_min,
			route: JSON.stringify(parseRoute(input.route) ?? [])
		};
		const groups = await repo.listGroups(trx, gatheringId);
		let id = input.id;
		if (id) {
			const was = groups.find((gr) => gr.id === id);
			if (!was || (await repo.updateGroup(trx, gatheringId, id, values)) === 0) {
				throw new NotFoundError();
			}
			// Its members toured with the other item: they are placed again in this one's run.
			if (was.item_id !== input.item_id) {
				await repo.removeGroupMembers(trx, gatheringId, id);
			}
		} else {
			id = await repo.insertGroup(trx, {
				...values,
				gathering_id: gatheringId,
				sort: groups.length
			});
		}
		await recordActivity(trx, {
			user_id: userId,
			action: input.id ? 'program.tour_group_updated' : 'program.tour_group_created',
			subject_type: 'tour_group',
			subject_id: id,
			gathering_id: gatheringId,
			details: { name: input.name }
		});
		return id;
	});
}

export async function removeGroup(db: Db, gatheringId: number, id: number): Promise<void> {
	if ((await repo.deleteGroup(db, gatheringId, id)) === 0) {
		throw new NotFoundError();
	}
}

/** Staggers the groups of a tour item along the first group's route, so they never meet. */
export async function staggerGroups(db: Db, gatheringId: number, itemId: number): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const groups = await repo.listGroups(trx, gatheringId, itemId);
		const route = parseStoredRoute(groups[0]?.route ?? '[]');
		const offsets = staggeredOffsets(groups.length, route);
		for (const [i, g] of groups.entries()) {
			await repo.updateGroup(trx, gatheringId, g.id, { start_offset_min: offsets[i] });
		}
	});
}

export interface AssignSummary {
	placed: number;
	moved: number;
	unassigned: number;
}

/** Runs one tour item's assignment and writes only what changed; pinned people stay put. */
export async function autoAssignTours(
	db: Db,
	gatheringId: number,
	itemId: number,
	userId: number | null
): Promise<AssignSummary> {
	return db.transaction().execute(async (trx) => {
		await requireGatheringRow(trx, gatheringId);
		await requireItem(trx, gatheringId, itemId);
		const [groups, members, attendees] = await Promise.all([
			repo.listGroups(trx, gatheringId, itemId),
			repo.listMembers(trx, gatheringId, itemId),
			listAttendees(trx, gatheringId)
		]);
		if (groups.length === 0) {
			throw new DomainError('program_error_no_groups');
		}
		const { previous, pinned } = previousPlaces(members, (m) => m.group_id);
		const result = assignTours({
			groups: groups.map(toSpec),
			people: touringPeople(attendees, groups).map(toTourPerson),
			previous,
			pinned
		});
		const placed = await writePlacement({
			previous,
			next: result.assignment,
			pinned,
			same: (a, b) => a === b,
			remove: (keys) => repo.removeMembers(trx, gatheringId, itemId, keys),
			write: (key, groupId, pin) => repo.setMember(trx, gatheringId, itemId, key, groupId, pin)
		});
		const summary = { placed, moved: result.moved.length, unassigned: result.unassigned.length };
		await recordPlacement(trx, gatheringId, userId, 'program.tours_assigned', summary);
		return summary;
	});
}

/** A move by hand in one tour item: pinned to the group (or taken out of the item's groups). */
export async function moveToGroup(
	db: Db,
	gatheringId: number,
	itemId: number,
	personKey: string,
	groupId: number | null
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await requireItem(trx, gatheringId, itemId);
		const attendees = await listAttendees(trx, gatheringId);
		if (!attendees.some((a) => a.key === personKey)) {
			throw new NotFoundError();
		}
		if (groupId === null) {
			await repo.removeMembers(trx, gatheringId, itemId, [personKey]);
			return;
		}
		const groups = await repo.listGroups(trx, gatheringId, itemId);
		if (!groups.some((g) => g.id === groupId)) {
			throw new NotFoundError();
		}
		await repo.setMember(trx, gatheringId, itemId, personKey, groupId, true);
	});
}

export async function unpinMember(
	db: Db,
	gatheringId: number,
	itemId: number,
	personKey: string
): Promise<void> {
	const members = await repo.listMembers(db, gatheringId, itemId);
	const m = members.find((x) => x.person_key === personKey);
	if (m) {
		await repo.setMember(db, gatheringId, itemId, personKey, m.group_id, false);
	}
}

export interface GuestTour {
	/** The tour item's title in the guest's language. */
	title: string;
	group: string;
	/** 'HH:MM' on the gathering's clock: the item's start plus the group's offset. */
	start: string;
}

/** One person's groups, one per tour item in the order of the items, for their RSVP page. */
export async function toursOf(
	db: Executor,
	gatheringId: number,
	personKey: string,
	timeZone: string,
	locale: Locale
): Promise<GuestTour[]> {
	const rows = await repo.findMemberships(db, gatheringId, personKey);
	return rows.map((m) => ({
		title: locale === 'en' ? m.title_en || m.title_zh : m.title_zh || m.title_en,
		group: m.name,
		start: clock(
			new Date(Date.parse(m.starts_at) + m.start_offset_min * MINUTE_MS).toISOString(),
			timeZone
		)
	}));
}
