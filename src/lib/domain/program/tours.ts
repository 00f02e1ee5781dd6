/**
 * Factory tours in groups: the pure assignment of attending people to groups, the timetable of
 * each group's route and the warnings when two groups would share a stop. No I/O; the same
 * functions serve the server, the pages and the property tests.
 */

export interface TourGroupSpec {
	id: number;
	capacity: number;
	/** 'zh' | 'en' */
	language: string;
}

export interface TourPerson {
	key: string;
	/** People of one unit (an account, or a guest and their companions) stay together. */
	unit: string;
	/** The person's tour language, null when any will do. */
	language: string | null;
	/** One of our executives: spread so each group has one where possible. */
	executive: boolean;
}

export type TourBreach =
	/** Nobody could take these people: every group is full. */
	| { rule: 'capacity'; keys: string[] }
	/** The unit's people are in more than one group (or some have no group). */
	| { rule: 'account_together'; unit: string; keys: string[] }
	/** These people are in a group that does not speak their tour language. */
	| { rule: 'language'; keys: string[]; groupId: number }
	/** These groups have no executive while another group has two or more. */
	| { rule: 'executive_spread'; groupIds: number[] }
	/** Pinned people hold a group over its capacity. */
	| { rule: 'pinned_over_capacity'; groupId: number; keys: string[] };

export interface TourInput {
	groups: TourGroupSpec[];
	people: TourPerson[];
	/** The last assignment: person key → group id. */
	previous?: ReadonlyMap<string, number>;
	/** People moved by hand: they stay where `previous` has them. */
	pinned?: ReadonlySet<string>;
}

export interface TourResult {
	assignment: Map<string, number>;
	unassigned: string[];
	/** People who had a group before and now have another one, or none. */
	moved: string[];
	breaches: TourBreach[];
}

const fitsLanguage = (group: TourGroupSpec, language: string | null) =>
	language === null || language === '' || group.language === language;

/**
 * Assigns people to tour groups. Kept from `previous`: pinned people always; others while their
 * group still exists and has room (someone in a group of another language moves when a group of
 * theirs has room). Everyone else is placed unit by unit
 * (executives first, then the largest units): into the group their unit is already in, else a
 * group with room for the whole unit that speaks its language, preferring a group without an
 * executive for an executive and the smallest group otherwise. A unit no group can hold is
 * split (reported), then language gives way (reported), then people stay without a group.
 */
export function assignTours(input: TourInput): TourResult {
	const st = tourState(input.groups);
	const previous = input.previous ?? new Map<string, number>();
	const pending = keepPrevious(st, input.people, previous, input.pinned ?? new Set<string>());
	const units = unitsOf(pending);
	const unassigned = placeUnits(st, units);
	undoFreshSplits(st, input.people, units, new Set(pending.map((p) => p.key)), unassigned);
	const moved = input.people
		.filter((p) => previous.has(p.key) && previous.get(p.key) !== st.assignment.get(p.key))
		.map((p) => p.key);
	return {
		assignment: st.assignment,
		unassigned,
		moved,
		breaches: tourBreaches(st.groups, input.people, st.assignment, unassigned)
	};
}

/** Where everyone is while the assignment runs, with the counts kept in step. */
interface TourState {
	groups: TourGroupSpec[];
	byId: Map<number, TourGroupSpec>;
	load: Map<number, number>;
	execs: Map<number, number>;
	assignment: Map<string, number>;
	/** Per unit, how many of its people each group holds. */
	unitCounts: Map<string, Map<number, number>>;
}

function tourState(input: TourGroupSpec[]): TourState {
	const groups = [...input].sort((a, b) => a.id - b.id);
	return {
		groups,
		byId: new Map(groups.map((g) => [g.id, g])),
		load: new Map(groups.map((g) => [g.id, 0])),
		execs: new Map(groups.map((g) => [g.id, 0])),
		assignment: new Map(),
		unitCounts: new Map()
	};
}

function bump(st: TourState, p: TourPerson, groupId: number, by: number) {
	let counts = st.unitCounts.get(p.unit);
	if (!counts) {
		counts = new Map();
		st.unitCounts.set(p.unit, counts);
	}
	const n = (counts.get(groupId) ?? 0) + by;
	if (n === 0) {
		counts.delete(groupId);
	} else {
		counts.set(groupId, n);
	}
	st.load.set(groupId, st.load.get(groupId)! + by);
	if (p.executive) {
		st.execs.set(groupId, st.execs.get(groupId)! + by);
	}
}

function place(st: TourState, p: TourPerson, groupId: number) {
	st.assignment.set(p.key, groupId);
	bump(st, p, groupId, 1);
}

function unplace(st: TourState, p: TourPerson) {
	const was = st.assignment.get(p.key);
	if (was !== undefined) {
		st.assignment.delete(p.key);
		bump(st, p, was, -1);
	}
}

const freeIn = (st: TourState, groupId: number) =>
	st.byId.get(groupId)!.capacity - st.load.get(groupId)!;

const placedIn = (st: TourState, unit: string) => new Map(st.unitCounts.get(unit) ?? []);

/**
 * Keeps people where `previous` has them: pinned people always (first, they never move), others
 * while their group exists and has room. Someone in a group of another language moves only when
 * a group of theirs has room now. Returns the people still to place.
 */
function keepPrevious(
	st: TourState,
	people: TourPerson[],
	previous: ReadonlyMap<string, number>,
	pinned: ReadonlySet<string>
): TourPerson[] {
	const pending: TourPerson[] = [];
	const ordered = [
		...people.filter((p) => pinned.has(p.key)),
		...people.filter((p) => !pinned.has(p.key))
	];
	const wrongLanguage: [TourPerson, TourGroupSpec][] = [];
	for (const p of ordered) {
		const was = previous.get(p.key);
		const group = was === undefined ? undefined : st.byId.get(was);
		if (group && !pinned.has(p.key) && !fitsLanguage(group, p.language)) {
			wrongLanguage.push([p, group]);
		} else if (group && (pinned.has(p.key) || freeIn(st, group.id) > 0)) {
			place(st, p, group.id);
		} else {
			pending.push(p);
		}
	}
	for (const [p, group] of wrongLanguage) {
		const better = st.groups.some((g) => freeIn(st, g.id) > 0 && fitsLanguage(g, p.language));
		if (!better && freeIn(st, group.id) > 0) {
			place(st, p, group.id);
		} else {
			pending.push(p);
		}
	}
	return pending;
}

function unitsOf(people: TourPerson[]): Map<string, TourPerson[]> {
	const units = new Map<string, TourPerson[]>();
	for (const p of people) {
		const list = units.get(p.unit);
		if (list) {
			list.push(p);
		} else {
			units.set(p.unit, [p]);
		}
	}
	return units;
}

/**
 * Places the units still to place: units with an executive first, then the largest. A unit
 * goes whole to the group it is already in, else to a group with room that speaks its language
 * (for an executive one without an executive, otherwise the smallest). A unit no group can hold
 * is split person by person, language first. Returns the people no group could take.
 */
function placeUnits(st: TourState, units: Map<string, TourPerson[]>): string[] {
	const unitOrder = [...units.entries()].sort(
		([ua, a], [ub, b]) =>
			Number(b.some((p) => p.executive)) - Number(a.some((p) => p.executive)) ||
			b.length - a.length ||
			(ua < ub ? -1 : ua > ub ? 1 : 0)
	);
	const unassigned: string[] = [];
	for (const [unit, members] of unitOrder) {
		const languages = new Set(members.map((m) => m.language).filter((l) => l));
		const hasExec = members.some((m) => m.executive);
		const already = placedIn(st, unit);
		const whole = st.groups.filter(
			(g) => freeIn(st, g.id) >= members.length && members.every((m) => fitsLanguage(g, m.language))
		);
		const best = pickBest(whole, (g) => [
			-(already.get(g.id) ?? 0),
			hasExec ? st.execs.get(g.id)! : 0,
			st.load.get(g.id)!,
			g.id
		]);
		if (best && languages.size <= 1) {
			for (const m of members) {
				place(st, m, best.id);
			}
			continue;
		}
		for (const m of members) {
			const counts = placedIn(st, unit);
			const rankOne = (g: TourGroupSpec) => [
				-(counts.get(g.id) ?? 0),
				m.executive ? st.execs.get(g.id)! : 0,
				st.load.get(g.id)!,
				g.id
			];
			const open = st.groups.filter((g) => freeIn(st, g.id) > 0);
			const fit =
				pickBest(
					open.filter((g) => fitsLanguage(g, m.language)),
					rankOne
				) ?? pickBest(open, rankOne);
			if (fit) {
				place(st, m, fit.id);
			} else {
				unassigned.push(m.key);
			}
		}
	}
	return unassigned;
}

/** A split made in this run is undone when one group can now take the whole unit. */
function undoFreshSplits(
	st: TourState,
	people: TourPerson[],
	units: Map<string, TourPerson[]>,
	fresh: ReadonlySet<string>,
	unassigned: string[]
) {
	for (const [unit, members] of units) {
		const all = people.filter((p) => p.unit === unit);
		if (
			all.some((p) => !fresh.has(p.key)) ||
			new Set(all.map((p) => st.assignment.get(p.key))).size <= 1
		) {
			continue;
		}
		const counts = placedIn(st, unit);
		const target = pickBest(
			st.groups.filter(
				(g) =>
					freeIn(st, g.id) + (counts.get(g.id) ?? 0) >= all.length &&
					all.every((p) => fitsLanguage(g, p.language))
			),
			(g) => [-(counts.get(g.id) ?? 0), st.load.get(g.id)!, g.id]
		);
		if (!target) {
			continue;
		}
		for (const m of members) {
			unplace(st, m);
			const i = unassigned.indexOf(m.key);
			if (i >= 0) {
				unassigned.splice(i, 1);
			}
			place(st, m, target.id);
		}
	}
}

/** Smallest rank vector wins (lexicographic). */
function pickBest<T>(items: T[], rank: (item: T) => number[]): T | undefined {
	let best: T | undefined;
	let bestRank: number[] = [];
	for (const item of items) {
		const r = rank(item);
		if (best === undefined || lessThan(r, bestRank)) {
			best = item;
			bestRank = r;
		}
	}
	return best;
}

function lessThan(a: number[], b: number[]): boolean {
	for (let i = 0; i < a.length; i += 1) {
		if (a[i] !== b[i]) {
			return a[i] < b[i];
		}
	}
	return false;
}

/** Every rule the assignment does not hold, found by looking at the result itself. */
export function tourBreaches(
	groups: TourGroupSpec[],
	people: TourPerson[],
	assignment: ReadonlyMap<string, number>,
	unassigned: string[]
): TourBreach[] {
	const out: TourBreach[] = [];
	if (unassigned.length > 0) {
		out.push({ rule: 'capacity', keys: [...unassigned] });
	}
	const units = new Map<string, TourPerson[]>();
	for (const p of people) {
		units.set(p.unit, [...(units.get(p.unit) ?? []), p]);
	}
	for (const [unit, members] of units) {
		if (new Set(members.map((m) => assignment.get(m.key) ?? -1)).size > 1) {
			out.push({ rule: 'account_together', unit, keys: members.map((m) => m.key) });
		}
	}
	const byId = new Map(groups.map((g) => [g.id, g]));
	const wrong = new Map<number, string[]>();
	const count = new Map<number, number>();
	const execs = new Map<number, number>();
	for (const p of people) {
		const gid = assignment.get(p.key);
		if (gid === undefined) {
			continue;
		}
		count.set(gid, (count.get(gid) ?? 0) + 1);
		if (p.executive) {
			execs.set(gid, (execs.get(gid) ?? 0) + 1);
		}
		const g = byId.get(gid);
		if (g && !fitsLanguage(g, p.language)) {
			wrong.set(gid, [...(wrong.get(gid) ?? []), p.key]);
		}
	}
	for (const [groupId, keys] of wrong) {
		out.push({ rule: 'language', groupId, keys });
	}
	for (const g of groups) {
		if ((count.get(g.id) ?? 0) > g.capacity) {
			const keys = people.filter((p) => assignment.get(p.key) === g.id).map((p) => p.key);
			out.push({ rule: 'pinned_over_capacity', groupId: g.id, keys });
		}
	}
	const lacking = groups.filter((g) => (count.get(g.id) ?? 0) > 0 && !execs.get(g.id));
	if (lacking.length > 0 && groups.some((g) => (execs.get(g.id) ?? 0) >= 2)) {
		out.push({ rule: 'executive_spread', groupIds: lacking.map((g) => g.id) });
	}
	return out;
}

export interface RouteStop {
	place: string;
	minutes: number;
	safety: string;
}

export interface TimetableGroup {
	id: number;
	name: string;
	startOffset: number;
	route: RouteStop[];
}

export interface StopVisit {
	groupId: number;
	place: string;
	/** Minutes from the tour's start. */
	from: number;
	to: number;
}

/** Where every group is, stop by stop, in minutes from the tour item's start. */
export function timetable(groups: TimetableGroup[]): StopVisit[] {
	const out: StopVisit[] = [];
	for (const g of groups) {
		let at = g.startOffset;
		for (const stop of g.route) {
			out.push({ groupId: g.id, place: stop.place, from: at, to: at + stop.minutes });
			at += stop.minutes;
		}
	}
	return out;
}

export interface StopClash {
	place: string;
	groupA: number;
	groupB: number;
	from: number;
	to: number;
}

/** Two groups at the same stop at the same time. */
export function stopClashes(groups: TimetableGroup[]): StopClash[] {
	const visits = timetable(groups);
	const out: StopClash[] = [];
	for (const [i, a] of visits.entries()) {
		for (const b of visits.slice(i + 1)) {
			const norm = (s: string) => s.trim().toLowerCase();
			if (
				a.groupId !== b.groupId &&
				norm(a.place) === norm(b.place) &&
				a.from < b.to &&
				b.from < a.to
			) {
				out.push({
					place: a.place,
					groupA: a.groupId,
					groupB: b.groupId,
					from: Math.max(a.from, b.from),
					to: Math.min(a.to, b.to)
				});
			}
		}
	}
	return out;
}

/**
 * Start offsets that keep groups apart when they follow the same route: each group starts one
 * "longest stop" after the previous one, so no two are ever at one stop together.
 */
export function staggeredOffsets(count: number, route: RouteStop[]): number[] {
	const step = Math.max(0, ...route.map((s) => s.minutes));
	return Array.from({ length: count }, (_, i) => i * step);
}
