/**
 * Banquet seating by precedence (DOMAIN.md 宴会座次), as pure functions: the order of tables
 * by nearness to the head table (right side first, as seen from the host facing the entrance),
 * the order of seats at a round table, and the assignment of people to tables and seats.
 */

export type Entrance = 'top' | 'bottom' | 'left' | 'right';
export const ENTRANCES: Entrance[] = ['bottom', 'top', 'left', 'right'];

export interface TableSpec {
	id: number;
	seats: number;
	head: boolean;
	row: number;
	col: number;
}

export interface SeatPerson {
	key: string;
	/** People of one unit (an account, or a guest and companions) sit together. */
	unit: string;
	/** One of our people (they take host and deputy-host seats). */
	host: boolean;
	/** Precedence: lower is more important (our people by seniority, guests by tier and sales). */
	rank: number;
}

export interface Seat {
	tableId: number;
	seat: number;
}

export type SeatingBreach =
	| { rule: 'capacity'; keys: string[] }
	| { rule: 'account_together'; unit: string; keys: string[] }
	| { rule: 'keep_apart'; tableId: number; keys: [string, string] }
	| { rule: 'no_host'; tableId: number }
	| { rule: 'pinned_over_capacity'; tableId: number; keys: string[] };

export interface SeatingInput {
	tables: TableSpec[];
	people: SeatPerson[];
	entrance: Entrance;
	previous?: ReadonlyMap<string, Seat>;
	pinned?: ReadonlySet<string>;
	keepApart?: [string, string][];
}

export interface SeatingResult {
	seats: Map<string, Seat>;
	unseated: string[];
	moved: string[];
	breaches: SeatingBreach[];
}

const FACING: Record<Entrance, [number, number]> = {
	bottom: [0, 1],
	top: [0, -1],
	left: [-1, 0],
	right: [1, 0]
};

/**
 * Tables from most to least honoured: the head table, then by distance from it; at equal
 * distance the one on the host's right (the host faces the entrance: 面门为上, 以右为尊).
 */
export function tableOrder(tables: TableSpec[], entrance: Entrance): TableSpec[] {
	const head = tables.find((t) => t.head) ?? tables[0];
	if (!head) {
		return [];
	}
	const [fx, fy] = FACING[entrance];
	// Screen coordinates (x right, y down): the right hand of someone facing (fx, fy).
	const [rx, ry] = [-fy, fx];
	const score = (t: TableSpec) => {
		const dx = t.col - head.col;
		const dy = t.row - head.row;
		return { d: Math.hypot(dx, dy), right: dx * rx + dy * ry, front: -(dx * fx + dy * fy) };
	};
	return [...tables].sort((a, b) => {
		if (a.id === head.id || b.id === head.id) {
			return a.id === head.id ? -1 : 1;
		}
		const sa = score(a);
		const sb = score(b);
		return (
			Math.round((sa.d - sb.d) * 1000) || sb.right - sa.right || sb.front - sa.front || a.id - b.id
		);
	});
}

const orderCache = new Map<number, { host: number[]; guest: number[] }>();

/**
 * Seat numbers go round the table to the host's right, seat 1 being the host's (facing the
 * entrance); the deputy host sits opposite. Guests take, in precedence: the host's right, the
 * host's left, the deputy's right, the deputy's left, then alternately outward; the host and
 * deputy seats come last. Our people take the host seat, the deputy seat, then the last seats.
 */
export function seatOrder(n: number): { host: number[]; guest: number[] } {
	let cached = orderCache.get(n);
	if (cached) {
		return cached;
	}
	const wrap = (s: number) => ((((s - 1) % n) + n) % n) + 1;
	const deputy = n >= 2 ? 1 + Math.floor(n / 2) : 1;
	const guest: number[] = [];
	const seen = new Set<number>([1, deputy]);
	for (let dist = 1; seen.size < n && dist <= n; dist += 1) {
		for (const s of [wrap(1 + dist), wrap(1 - dist), wrap(deputy + dist), wrap(deputy - dist)]) {
			if (!seen.has(s)) {
				seen.add(s);
				guest.push(s);
			}
		}
	}
	const ends = n >= 2 ? [1, deputy] : [1];
	cached = {
		host: [...ends, ...[...guest].reverse()],
		guest: [...guest, ...[...ends].reverse()]
	};
	orderCache.set(n, cached);
	return cached;
}

/**
 * Seats everyone. Kept from `previous`: pinned people always; others while their table exists
 * and their seat is still there (one of a keep-apart pair sharing a table moves when another
 * table has room). Seats are held for our people: the head table's host seat, its deputy seat
 * while hosts are to spare, and the host seat of every table that gets guests. Guests go unit by
 * unit in precedence: to the table their unit is already at, else the first table in order with
 * room for the whole unit and nobody they must be kept apart from; each person in the best free
 * seat (host's right, host's left, …). Then our people by seniority take the held seats. A unit
 * no table can hold is split, and a keep-apart pair shares a table only when nothing else is
 * free; both are reported.
 */
export function assignSeats(input: SeatingInput): SeatingResult {
	const st = seatState(input);
	const previous = input.previous ?? new Map<string, Seat>();
	const pending = keepPreviousSeats(st, input.people, previous, input.pinned ?? new Set());
	const hosts = pending.filter((q) => q.host).sort((a, b) => a.rank - b.rank);
	const unitMembers = new Map<string, SeatPerson[]>();
	for (const p of input.people) {
		unitMembers.set(p.unit, [...(unitMembers.get(p.unit) ?? []), p]);
	}
	const held = holdHostSeats(st, hosts.length);
	const unseated = seatGuests(st, held, pending, unitMembers);
	seatHosts(st, held, hosts, unseated);
	for (const t of st.tables) {
		held.reserved.set(t.id, []);
	}
	seatLeftoverGuests(st, held, unseated);
	undoFreshSplits(st, held, unitMembers, new Set(pending.map((p) => p.key)), unseated);

	const moved = input.people
		.filter((p) => {
			const was = previous.get(p.key);
			const now = st.seats.get(p.key);
			return was && (!now || now.tableId !== was.tableId || now.seat !== was.seat);
		})
		.map((p) => p.key);
	return {
		seats: st.seats,
		unseated,
		moved,
		breaches: seatingBreaches(
			input.tables,
			input.people,
			st.seats,
			unseated,
			input.keepApart ?? [],
			st.personOf
		)
	};
}

/** Who sits where while the assignment runs, with per-table counts kept in step. */
function seatState(input: SeatingInput) {
	const tables = tableOrder(input.tables, input.entrance);
	const apart = new Map<string, Set<string>>();
	for (const [a, b] of input.keepApart ?? []) {
		apart.set(a, (apart.get(a) ?? new Set()).add(b));
		apart.set(b, (apart.get(b) ?? new Set()).add(a));
	}
	const taken = new Map<number, Map<number, string>>(tables.map((t) => [t.id, new Map()]));
	const atTable = new Map<number, Set<string>>(tables.map((t) => [t.id, new Set()]));
	const hostsAt = new Map<number, number>(tables.map((t) => [t.id, 0]));
	const seats = new Map<string, Seat>();
	return {
		tables,
		byId: new Map(tables.map((t) => [t.id, t])),
		personOf: new Map(input.people.map((p) => [p.key, p])),
		seats,
		taken,
		atTable,
		hostsAt,
		sit(p: SeatPerson, tableId: number, seat: number) {
			seats.set(p.key, { tableId, seat });
			taken.get(tableId)!.set(seat, p.key);
			atTable.get(tableId)!.add(p.key);
			if (p.host) {
				hostsAt.set(tableId, hostsAt.get(tableId)! + 1);
			}
		},
		unsit(p: SeatPerson) {
			const s = seats.get(p.key);
			if (!s) {
				return;
			}
			seats.delete(p.key);
			taken.get(s.tableId)!.delete(s.seat);
			atTable.get(s.tableId)!.delete(p.key);
			if (p.host) {
				hostsAt.set(s.tableId, hostsAt.get(s.tableId)! - 1);
			}
		},
		free: (t: TableSpec) => t.seats - taken.get(t.id)!.size,
		conflicts(key: string, tableId: number) {
			for (const o of apart.get(key) ?? []) {
				if (atTable.get(tableId)!.has(o)) {
					return true;
				}
			}
			return false;
		}
	};
}

type SeatState = ReturnType<typeof seatState>;

/**
 * Keeps people in their previous seats: pinned first (always, while the seat is there), then the
 * others by precedence while their seat still exists; one of a keep-apart pair sharing a table
 * moves only when another table has a seat away from the other. Returns the people to seat.
 */
function keepPreviousSeats(
	st: SeatState,
	people: SeatPerson[],
	previous: ReadonlyMap<string, Seat>,
	pinned: ReadonlySet<string>
): SeatPerson[] {
	const pending: SeatPerson[] = [];
	const conflicted: [SeatPerson, TableSpec, number][] = [];
	const ordered = [
		...people.filter((p) => pinned.has(p.key)),
		...people.filter((p) => !pinned.has(p.key)).sort((a, b) => a.rank - b.rank)
	];
	for (const p of ordered) {
		const was = previous.get(p.key);
		const t = was ? st.byId.get(was.tableId) : undefined;
		if (!was || !t) {
			pending.push(p);
			continue;
		}
		const seatOk = was.seat >= 1 && was.seat <= t.seats && !st.taken.get(t.id)!.has(was.seat);
		if (pinned.has(p.key)) {
			if (!st.taken.get(t.id)!.has(was.seat)) {
				st.sit(p, t.id, was.seat);
			} else {
				pending.push(p);
			}
		} else if (seatOk && !st.conflicts(p.key, t.id)) {
			st.sit(p, t.id, was.seat);
		} else if (seatOk) {
			conflicted.push([p, t, was.seat]);
		} else {
			pending.push(p);
		}
	}
	for (const [p, t, seat] of conflicted) {
		const elsewhere = st.tables.some(
			(x) => x !== t && st.free(x) > 0 && !st.conflicts(p.key, x.id)
		);
		if (!elsewhere && !st.taken.get(t.id)!.has(seat)) {
			st.sit(p, t.id, seat);
		} else {
			pending.push(p);
		}
	}
	return pending;
}

/**
 * Seats held for our people while guests are placed: the head table's host seat (and its
 * deputy seat while hosts are to spare), and the host seat of each table that gets guests.
 */
function holdHostSeats(st: SeatState, hostCount: number) {
	const { tables, taken, hostsAt } = st;
	const head = tables[0];
	const reserved = new Map<number, number[]>(tables.map((t) => [t.id, []]));
	let spare = hostCount;
	let headDeputy: number | null = null;
	const isReserved = (t: TableSpec, seat: number) => reserved.get(t.id)!.includes(seat);
	const needsHost = (t: TableSpec) =>
		hostsAt.get(t.id) === 0 &&
		reserved.get(t.id)!.length === 0 &&
		(spare > 0 || headDeputy !== null);
	const reserveFor = (t: TableSpec) => {
		if (!needsHost(t)) {
			return;
		}
		const seat = seatOrder(t.seats).host.find((n) => !taken.get(t.id)!.has(n) && !isReserved(t, n));
		if (seat === undefined) {
			return;
		}
		if (spare === 0 && headDeputy !== null) {
			// Every table with guests needs one of ours more than the head table needs a deputy.
			reserved.set(
				head.id,
				reserved.get(head.id)!.filter((n) => n !== headDeputy)
			);
			headDeputy = null;
			spare += 1;
		}
		reserved.get(t.id)!.push(seat);
		spare -= 1;
	};
	if (head) {
		reserveFor(head);
		const deputy = seatOrder(head.seats).host[1];
		if (
			spare > 0 &&
			head.seats >= 2 &&
			!taken.get(head.id)!.has(deputy) &&
			hostsAt.get(head.id)! < 2
		) {
			reserved.get(head.id)!.push(deputy);
			headDeputy = deputy;
			spare -= 1;
		}
		for (const t of tables) {
			if ([...st.atTable.get(t.id)!].some((k) => !st.personOf.get(k)?.host)) {
				reserveFor(t);
			}
		}
	}
	const guestFree = (t: TableSpec) => st.free(t) - reserved.get(t.id)!.length;
	return {
		reserved,
		needsHost,
		reserveFor,
		room: (t: TableSpec) => guestFree(t) - (needsHost(t) ? 1 : 0),
		guestSeat: (t: TableSpec) =>
			seatOrder(t.seats).guest.find((n) => !taken.get(t.id)!.has(n) && !isReserved(t, n))
	};
}

type HeldSeats = ReturnType<typeof holdHostSeats>;

/**
 * Guests unit by unit in precedence: to the table their unit is already at, else the first table
 * in order with room for the whole unit and nobody they must be kept apart from; a unit no table
 * can hold is split. Returns the guests left without a seat.
 */
function seatGuests(
	st: SeatState,
	held: HeldSeats,
	pending: SeatPerson[],
	unitMembers: Map<string, SeatPerson[]>
): string[] {
	const units = new Map<string, SeatPerson[]>();
	for (const p of pending.filter((q) => !q.host).sort((a, b) => a.rank - b.rank)) {
		units.set(p.unit, [...(units.get(p.unit) ?? []), p]);
	}
	const tablesOfUnit = (unit: string) => {
		const counts = new Map<number, number>();
		for (const m of unitMembers.get(unit) ?? []) {
			const s = st.seats.get(m.key);
			if (s) {
				counts.set(s.tableId, (counts.get(s.tableId) ?? 0) + 1);
			}
		}
		return counts;
	};
	const canTake = (t: TableSpec, members: SeatPerson[]) =>
		held.room(t) >= members.length && members.every((m) => !st.conflicts(m.key, t.id));
	const seatGuest = (m: SeatPerson, t: TableSpec) => {
		held.reserveFor(t);
		st.sit(m, t.id, held.guestSeat(t)!);
	};
	const unseated: string[] = [];
	for (const [unit, members] of units) {
		const there = tablesOfUnit(unit);
		const home = [...there.keys()]
			.map((id) => st.byId.get(id)!)
			.sort((a, b) => there.get(b.id)! - there.get(a.id)!)
			.find((t) => canTake(t, members));
		const target = home ?? st.tables.find((t) => canTake(t, members));
		if (target) {
			for (const m of members) {
				seatGuest(m, target);
			}
			continue;
		}
		for (const m of members) {
			const here = tablesOfUnit(unit);
			const candidates = st.tables.filter((t) => held.room(t) > 0);
			const t =
				candidates
					.filter((x) => !st.conflicts(m.key, x.id))
					.sort((a, b) => (here.get(b.id) ?? 0) - (here.get(a.id) ?? 0))[0] ?? candidates[0];
			if (t) {
				seatGuest(m, t);
			} else {
				unseated.push(m.key);
			}
		}
	}
	return unseated;
}

/**
 * Our people by seniority: the held seats (head table first, then in table order), then any
 * seat, host seats first. Those left over join `unseated`.
 */
function seatHosts(st: SeatState, held: HeldSeats, hosts: SeatPerson[], unseated: string[]) {
	const slots: [TableSpec, number][] = st.tables.flatMap((t) =>
		held.reserved.get(t.id)!.map((n) => [t, n] as [TableSpec, number])
	);
	for (const p of hosts) {
		const slot = slots.find(([t, n]) => !st.taken.get(t.id)!.has(n) && !st.conflicts(p.key, t.id));
		if (slot) {
			st.sit(p, slot[0].id, slot[1]);
			held.reserved.set(
				slot[0].id,
				held.reserved.get(slot[0].id)!.filter((n) => n !== slot[1])
			);
			continue;
		}
		const t =
			st.tables.find((x) => st.free(x) > 0 && !st.conflicts(p.key, x.id)) ??
			st.tables.find((x) => st.free(x) > 0);
		if (t) {
			st.sit(
				p,
				t.id,
				seatOrder(t.seats).host.find((n) => !st.taken.get(t.id)!.has(n))!
			);
		} else {
			unseated.push(p.key);
		}
	}
}

/** Guests who found no seat take any seat our people left free. */
function seatLeftoverGuests(st: SeatState, held: HeldSeats, unseated: string[]) {
	for (const key of [...unseated]) {
		const p = st.personOf.get(key)!;
		const t =
			st.tables.find((x) => st.free(x) > 0 && !st.conflicts(key, x.id)) ??
			st.tables.find((x) => st.free(x) > 0);
		if (t && !p.host) {
			st.sit(p, t.id, held.guestSeat(t)!);
			unseated.splice(unseated.indexOf(key), 1);
		}
	}
}

/** A split made in this run is undone when one table can now take the whole unit. */
function undoFreshSplits(
	st: SeatState,
	held: HeldSeats,
	unitMembers: Map<string, SeatPerson[]>,
	fresh: ReadonlySet<string>,
	unseated: string[]
) {
	for (const all of unitMembers.values()) {
		if (all.some((p) => p.host || !fresh.has(p.key))) {
			continue;
		}
		const where = new Set(all.map((p) => st.seats.get(p.key)?.tableId ?? -1));
		if (where.size <= 1) {
			continue;
		}
		const target = st.tables.find((t) => {
			const outside = all.filter((p) => st.seats.get(p.key)?.tableId !== t.id);
			return st.free(t) >= outside.length && outside.every((p) => !st.conflicts(p.key, t.id));
		});
		if (!target) {
			continue;
		}
		for (const p of all.filter((q) => st.seats.get(q.key)?.tableId !== target.id)) {
			st.unsit(p);
			const i = unseated.indexOf(p.key);
			if (i >= 0) {
				unseated.splice(i, 1);
			}
			st.sit(p, target.id, held.guestSeat(target)!);
		}
	}
}

/** Every seating rule the result does not hold, found by looking at the result itself. */
export function seatingBreaches(
	tables: TableSpec[],
	people: SeatPerson[],
	seats: ReadonlyMap<string, Seat>,
	unseated: string[],
	keepApart: [string, string][],
	personOf: ReadonlyMap<string, SeatPerson> = new Map(people.map((p) => [p.key, p]))
): SeatingBreach[] {
	const out: SeatingBreach[] = [];
	if (unseated.length > 0) {
		out.push({ rule: 'capacity', keys: [...unseated] });
	}
	const units = new Map<string, SeatPerson[]>();
	for (const p of people) {
		if (!p.host) {
			units.set(p.unit, [...(units.get(p.unit) ?? []), p]);
		}
	}
	for (const [unit, members] of units) {
		if (new Set(members.map((m) => seats.get(m.key)?.tableId ?? -1)).size > 1) {
			out.push({ rule: 'account_together', unit, keys: members.map((m) => m.key) });
		}
	}
	for (const [a, b] of keepApart) {
		const sa = seats.get(a);
		const sb = seats.get(b);
		if (sa && sb && sa.tableId === sb.tableId && personOf.has(a) && personOf.has(b)) {
			out.push({ rule: 'keep_apart', tableId: sa.tableId, keys: [a, b] });
		}
	}
	const guests = new Map<number, number>();
	const hosts = new Map<number, number>();
	const over = new Map<number, string[]>();
	const seatsOf = new Map(tables.map((t) => [t.id, t.seats]));
	for (const p of people) {
		const s = seats.get(p.key);
		if (s) {
			const counts = p.host ? hosts : guests;
			counts.set(s.tableId, (counts.get(s.tableId) ?? 0) + 1);
			if (s.seat > (seatsOf.get(s.tableId) ?? 0)) {
				over.set(s.tableId, [...(over.get(s.tableId) ?? []), p.key]);
			}
		}
	}
	for (const t of tables) {
		if ((guests.get(t.id) ?? 0) > 0 && !hosts.get(t.id)) {
			out.push({ rule: 'no_host', tableId: t.id });
		}
		const keys = over.get(t.id);
		if (keys) {
			out.push({ rule: 'pinned_over_capacity', tableId: t.id, keys });
		}
	}
	return out;
}

/** Guests' precedence: the designated guest, then tier, then the account's sales, then the list. */
export function guestRank(
	index: number,
	p: { tierRank: number; sales: number; designated: boolean; companion: boolean }
): number {
	if (p.designated) {
		return -1e15;
	}
	// Tier outranks sales; sales (in minor units, capped) outrank list order.
	const sales = Math.min(Math.max(0, p.sales), 1e12);
	return p.tierRank * 1e13 + (1e12 - sales) + (p.companion ? 0.5 : 0) + index / 1e6;
}
