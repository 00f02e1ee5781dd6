import { z } from 'zod';
import type { Db, Executor } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { findGathering } from '../gatherings/repository';
import { recordActivity } from '../activity/repository';
import { clock } from './agenda';
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

async function requireGatheringRow(db: Executor, gatheringId: number) {
	const g = await findGathering(db, gatheringId);
	if (!g) {
		throw new NotFoundError();
	}
	return g;
}

/** Everything the tours page shows: groups with members and timetable, warnings, breaches. */
export async function loadTours(db: Executor, gatheringId: number) {
	const g = await requireGatheringRow(db, gatheringId);
	const [items, groups, members, attendees] = await Promise.all([
		repo.listTourItems(db, gatheringId),
		repo.listGroups(db, gatheringId),
		repo.listMembers(db, gatheringId),
		listAttendees(db, gatheringId)
	]);
	const byKey = new Map(attendees.map((a) => [a.key, a]));
	const guides = new Set(groups.map((gr) => gr.guide_invitee_id).filter((id) => id !== null));
	const touring = attendees.filter((a) => !guides.has(a.inviteeId) || a.role === 'companion');
	const memberOf = new Map(members.map((m) => [m.person_key, m]));
	const itemStart = new Map(items.map((i) => [i.id, Date.parse(i.starts_at)]));
	const timetableGroups = groups.map((gr) => ({
		id: gr.id,
		name: gr.name,
		startOffset: gr.start_offset_min,
		route: parseStoredRoute(gr.route)
	}));
	const nameOf = (id: number) => groups.find((gr) => gr.id === id)?.name ?? '';
	const at = (groupId: number, minutes: number) => {
		const item = groups.find((gr) => gr.id === groupId)?.item_id;
		const start = item === undefined ? undefined : itemStart.get(item);
		return start === undefined
			? ''
			: clock(new Date(start + minutes * MINUTE_MS).toISOString(), g.time_zone);
	};
	const assignment = new Map(
		members.filter((m) => byKey.has(m.person_key)).map((m) => [m.person_key, m.group_id])
	);
	const unassigned = touring.filter((a) => !assignment.has(a.key));
	const breaches = tourBreaches(
		groups.map((gr) => ({ id: gr.id, capacity: gr.capacity, language: gr.language })),
		touring.map(toTourPerson),
		assignment,
		[]
	);
	return {
		timeZone: g.time_zone,
		items: items.map((i) => ({
			id: i.id,
			title_zh: i.title_zh,
			title_en: i.title_en,
			startClock: clock(i.starts_at, g.time_zone),
			endClock: clock(i.ends_at, g.time_zone)
		})),
		groups: groups.map((gr) => {
			const route = parseStoredRoute(gr.route);
			let offset = gr.start_offset_min;
			return {
				id: gr.id,
				itemId: gr.item_id,
				name: gr.name,
				guideId: gr.guide_invitee_id,
				guideName: gr.guide_invitee_id
					? (attendees.find((a) => a.inviteeId === gr.guide_invitee_id && a.role !== 'companion')
							?.name ?? '')
					: '',
				language: gr.language,
				capacity: gr.capacity,
				startOffset: gr.start_offset_min,
				startClock: at(gr.id, gr.start_offset_min),
				routeText: routeText(route),
				stops: route.map((s) => {
					const from = offset;
					offset += s.minutes;
					return { ...s, from: at(gr.id, from), to: at(gr.id, offset) };
				}),
				members: touring
					.filter((a) => assignment.get(a.key) === gr.id)
					.map((a) => personView(a, memberOf.get(a.key)?.pinned === 1))
			};
		}),
		unassigned: unassigned.map((a) => personView(a, false)),
		clashes: stopClashes(timetableGroups).map((c) => ({
			place: c.place,
			groupA: nameOf(c.groupA),
			groupB: nameOf(c.groupB),
			from: at(c.groupA, c.from),
			to: at(c.groupA, c.to)
		})),
		breaches: describeBreaches(breaches, byKey, nameOf),
		guides: attendees
			.filter((a) => isHostRole(a.role))
			.map((a) => ({ id: a.inviteeId, name: a.name, title: a.title }))
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

function describeBreaches(
	breaches: TourBreach[],
	byKey: Map<string, Attendee>,
	nameOf: (id: number) => string
): BreachView[] {
	const names = (keys: string[]) => keys.map((k) => byKey.get(k)?.name ?? k).join('、');
	return breaches.map((b) => {
		switch (b.rule) {
			case 'capacity':
				return { rule: b.rule, names: names(b.keys), group: '', company: '' };
			case 'account_together':
				return {
					rule: b.rule,
					names: names(b.keys),
					group: '',
					company: byKey.get(b.keys[0])?.company ?? ''
				};
			case 'language':
			case 'pinned_over_capacity':
				return { rule: b.rule, names: names(b.keys), group: nameOf(b.groupId), company: '' };
			case 'executive_spread':
				return { rule: b.rule, names: '', group: b.groupIds.map(nameOf).join('、'), company: '' };
		}
	});
}

export async function saveGroup(
	db: Db,
	gatheringId: number,
	input: GroupInput,
	userId: number | null
): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const items = await repo.listTourItems(trx, gatheringId);
		if (!items.some((i) => i.id === input.item_id)) {
			throw new DomainError('program_error_tour_item');
		}
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
		let id = input.id;
		if (id) {
			if ((await repo.updateGroup(trx, gatheringId, id, values)) === 0) {
				throw new NotFoundError();
			}
		} else {
			const count = (await repo.listGroups(trx, gatheringId)).length;
			id = await repo.insertGroup(trx, { ...values, gathering_id: gatheringId, sort: count });
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
		const groups = (await repo.listGroups(trx, gatheringId)).filter((g) => g.item_id === itemId);
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

/** Runs the assignment and writes only what changed; pinned people stay put. */
export async function autoAssignTours(
	db: Db,
	gatheringId: number,
	userId: number | null
): Promise<AssignSummary> {
	return db.transaction().execute(async (trx) => {
		await requireGatheringRow(trx, gatheringId);
		const [groups, members, attendees] = await Promise.all([
			repo.listGroups(trx, gatheringId),
			repo.listMembers(trx, gatheringId),
			listAttendees(trx, gatheringId)
		]);
		if (groups.length === 0) {
			throw new DomainError('program_error_no_groups');
		}
		const guides = new Set(groups.map((g) => g.guide_invitee_id).filter((id) => id !== null));
		const people = attendees
			.filter((a) => !guides.has(a.inviteeId) || a.role === 'companion')
			.map(toTourPerson);
		const previous = new Map(members.map((m) => [m.person_key, m.group_id]));
		const pinned = new Set(members.filter((m) => m.pinned === 1).map((m) => m.person_key));
		const result = assignTours({
			groups: groups.map((g) => ({ id: g.id, capacity: g.capacity, language: g.language })),
			people,
			previous,
			pinned
		});
		const stale = members
			.filter((m) => !result.assignment.has(m.person_key))
			.map((m) => m.person_key);
		await repo.removeMembers(trx, gatheringId, stale);
		let placed = 0;
		for (const [key, groupId] of result.assignment) {
			if (previous.get(key) !== groupId) {
				placed += previous.has(key) ? 0 : 1;
				await repo.setMember(trx, gatheringId, key, groupId, pinned.has(key));
			}
		}
		await recordActivity(trx, {
			user_id: userId,
			action: 'program.tours_assigned',
			subject_type: 'gathering',
			subject_id: gatheringId,
			gathering_id: gatheringId,
			details: { placed, moved: result.moved.length, unassigned: result.unassigned.length }
		});
		return { placed, moved: result.moved.length, unassigned: result.unassigned.length };
	});
}

/** A move by hand: the person is pinned to the group (or taken out of every group). */
export async function moveToGroup(
	db: Db,
	gatheringId: number,
	personKey: string,
	groupId: number | null
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const attendees = await listAttendees(trx, gatheringId);
		if (!attendees.some((a) => a.key === personKey)) {
			throw new NotFoundError();
		}
		if (groupId === null) {
			await repo.removeMembers(trx, gatheringId, [personKey]);
			return;
		}
		const groups = await repo.listGroups(trx, gatheringId);
		if (!groups.some((g) => g.id === groupId)) {
			throw new NotFoundError();
		}
		await repo.setMember(trx, gatheringId, personKey, groupId, true);
	});
}

export async function unpinMember(db: Db, gatheringId: number, personKey: string): Promise<void> {
	const members = await repo.listMembers(db, gatheringId);
	const m = members.find((x) => x.person_key === personKey);
	if (m) {
		await repo.setMember(db, gatheringId, personKey, m.group_id, false);
	}
}

/** One guest's own tour group and start time, for their RSVP page. */
export async function tourOf(
	db: Executor,
	gatheringId: number,
	personKey: string,
	timeZone: string
): Promise<{ group: string; start: string } | null> {
	const m = await repo.findMembership(db, gatheringId, personKey);
	if (!m) {
		return null;
	}
	const start = new Date(Date.parse(m.starts_at) + m.start_offset_min * MINUTE_MS);
	return { group: m.name, start: clock(start.toISOString(), timeZone) };
}
