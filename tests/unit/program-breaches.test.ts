import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assignTours, type TourGroupSpec, type TourPerson } from '$lib/domain/program/tours';
import { assignSeats, type SeatPerson, type TableSpec } from '$lib/domain/program/seating';

// Breach reports after a late change: a first run, some people pinned by hand (some moved to
// another group or table first), groups and tables shrunk, people added and removed; then the
// re-run. Every breach it reports must be true of its result, and every rule its result
// breaks must be reported (so "which rule gave way, for whom" is neither invented nor hidden).

const change = fc.record({
	/** Per person of the first run: pin (0), move by hand and pin (1), leave (2), drop (3). */
	fate: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 60, maxLength: 60 }),
	/** New capacity as a share of the old, per group/table (shrinking pins over the top). */
	shrink: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 8, maxLength: 8 }),
	newcomers: fc.integer({ min: 0, max: 4 })
});

const unitSizes = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 10 });

function unitsOf<P extends { unit: string; key: string }>(people: P[]): Map<string, P[]> {
	const out = new Map<string, P[]>();
	for (const p of people) {
		out.set(p.unit, [...(out.get(p.unit) ?? []), p]);
	}
	return out;
}

describe('tour breaches after a late change (properties)', () => {
	const groupsArb = fc
		.array(fc.record({ capacity: fc.integer({ min: 2, max: 12 }), en: fc.boolean() }), {
			minLength: 1,
			maxLength: 5
		})
		.map((gs) =>
			gs.map(
				(g, i) =>
					({
						id: i + 1,
						capacity: g.capacity,
						language: g.en ? 'en' : 'zh'
					}) satisfies TourGroupSpec
			)
		);

	it('reports exactly the rules the re-run breaks', () => {
		fc.assert(
			fc.property(groupsArb, unitSizes, change, (groups, sizes, c) => {
				const people: TourPerson[] = sizes.flatMap((n, u) =>
					Array.from({ length: n }, (_, k) => ({
						key: `u${u}p${k}`,
						unit: `u${u}`,
						language: u % 4 === 3 ? 'en' : u % 4 === 2 ? 'zh' : null,
						executive: u === 0 && k === 0
					}))
				);
				const first = assignTours({ groups, people });
				const previous = new Map(first.assignment);
				const pinned = new Set<string>();
				const stay: TourPerson[] = [];
				people.forEach((p, i) => {
					const fate = c.fate[i % c.fate.length];
					if (fate === 3) {
						return;
					}
					stay.push(p);
					if (fate === 1 && previous.has(p.key)) {
						previous.set(p.key, groups[(i + 1) % groups.length].id);
					}
					if (fate <= 1 && previous.has(p.key)) {
						pinned.add(p.key);
					}
				});
				for (let n = 0; n < c.newcomers; n += 1) {
					stay.push({ key: `late${n}`, unit: `u${n}`, language: null, executive: false });
				}
				const shrunk = groups.map((g, i) => ({
					...g,
					capacity: Math.max(1, Math.floor((g.capacity * c.shrink[i % 8]) / 4))
				}));
				const r = assignTours({ groups: shrunk, people: stay, previous, pinned });

				// Pinned people never moved.
				for (const k of pinned) {
					expect(r.assignment.get(k)).toBe(previous.get(k));
				}
				const count = new Map<number, string[]>();
				for (const [k, gid] of r.assignment) {
					count.set(gid, [...(count.get(gid) ?? []), k]);
				}
				const reported = (rule: string) => r.breaches.filter((b) => b.rule === rule);
				// Capacity: exactly the people without a group.
				const without = stay.filter((p) => !r.assignment.has(p.key)).map((p) => p.key);
				expect(
					reported('capacity')
						.flatMap((b) => ('keys' in b ? b.keys : []))
						.sort()
				).toEqual([...without].sort());
				// Account together: exactly the units spread over more than one place.
				const split = [...unitsOf(stay)]
					.filter(([, m]) => new Set(m.map((p) => r.assignment.get(p.key) ?? -1)).size > 1)
					.map(([u]) => u);
				expect(
					reported('account_together')
						.map((b) => ('unit' in b ? b.unit : ''))
						.sort()
				).toEqual(split.sort());
				// Over capacity: exactly the groups holding more than they hold, with their people.
				const over = shrunk.filter((g) => (count.get(g.id)?.length ?? 0) > g.capacity);
				const overReported = reported('pinned_over_capacity');
				expect(overReported.map((b) => ('groupId' in b ? b.groupId : 0)).sort()).toEqual(
					over.map((g) => g.id).sort()
				);
				for (const b of overReported) {
					if (b.rule === 'pinned_over_capacity') {
						expect([...b.keys].sort()).toEqual([...count.get(b.groupId)!].sort());
					}
				}
			})
		);
	});
});

describe('seating breaches after a late change (properties)', () => {
	const tablesArb = fc
		.array(fc.integer({ min: 2, max: 10 }), { minLength: 1, maxLength: 6 })
		.map((sizes) =>
			sizes.map(
				(seats, i) =>
					({
						id: i + 1,
						seats,
						head: i === 0,
						row: Math.floor(i / 3),
						col: i % 3
					}) satisfies TableSpec
			)
		);

	it('reports exactly the rules the re-run breaks', () => {
		fc.assert(
			fc.property(
				tablesArb,
				unitSizes,
				change,
				fc.integer({ min: 0, max: 3 }),
				(tables, sizes, c, hosts) => {
					const people: SeatPerson[] = [
						...Array.from({ length: hosts }, (_, h) => ({
							key: `h${h}`,
							unit: `h${h}`,
							host: true,
							rank: h
						})),
						...sizes.flatMap((n, u) =>
							Array.from({ length: n }, (_, k) => ({
								key: `u${u}p${k}`,
								unit: `u${u}`,
								host: false,
								rank: 100 + u * 10 + k
							}))
						)
					];
					const guests = people.filter((p) => !p.host);
					const keepApart: [string, string][] =
						guests.length > 3 && guests[0].unit !== guests[guests.length - 1].unit
							? [[guests[0].key, guests[guests.length - 1].key]]
							: [];
					const first = assignSeats({ tables, people, entrance: 'bottom', keepApart });
					const previous = new Map(first.seats);
					const pinned = new Set<string>();
					const stay: SeatPerson[] = [];
					people.forEach((p, i) => {
						const fate = c.fate[i % c.fate.length];
						if (fate === 3) {
							return;
						}
						stay.push(p);
						if (fate <= 1 && previous.has(p.key)) {
							pinned.add(p.key);
						}
					});
					for (let n = 0; n < c.newcomers; n += 1) {
						stay.push({ key: `late${n}`, unit: `u${n}`, host: false, rank: 100 + n * 10 + 9 });
					}
					const shrunk = tables.map((t, i) => ({
						...t,
						seats: Math.max(1, Math.floor((t.seats * c.shrink[i % 8]) / 4))
					}));
					const r = assignSeats({
						tables: shrunk,
						people: stay,
						entrance: 'bottom',
						previous,
						pinned,
						keepApart
					});

					for (const k of pinned) {
						expect(r.seats.get(k)).toEqual(previous.get(k));
					}
					const reported = (rule: string) => r.breaches.filter((b) => b.rule === rule);
					const without = stay.filter((p) => !r.seats.has(p.key)).map((p) => p.key);
					expect(
						reported('capacity')
							.flatMap((b) => ('keys' in b ? b.keys : []))
							.sort()
					).toEqual([...without].sort());
					const split = [...unitsOf(stay.filter((p) => !p.host))]
						.filter(([, m]) => new Set(m.map((p) => r.seats.get(p.key)?.tableId ?? -1)).size > 1)
						.map(([u]) => u);
					expect(
						reported('account_together')
							.map((b) => ('unit' in b ? b.unit : ''))
							.sort()
					).toEqual(split.sort());
					const together = keepApart.filter(
						([a, b]) =>
							r.seats.has(a) &&
							r.seats.has(b) &&
							r.seats.get(a)!.tableId === r.seats.get(b)!.tableId
					);
					expect(reported('keep_apart')).toHaveLength(together.length);
					// A seat past a shrunk table's size is reported with exactly those people.
					const seatsOf = new Map(shrunk.map((t) => [t.id, t.seats]));
					const past = stay
						.filter((p) => {
							const s = r.seats.get(p.key);
							return s !== undefined && s.seat > seatsOf.get(s.tableId)!;
						})
						.map((p) => p.key);
					expect(
						reported('pinned_over_capacity')
							.flatMap((b) => ('keys' in b ? b.keys : []))
							.sort()
					).toEqual(past.sort());
					for (const b of reported('no_host')) {
						if (b.rule === 'no_host') {
							const there = stay.filter((p) => r.seats.get(p.key)?.tableId === b.tableId);
							expect(there.some((p) => p.host)).toBe(false);
							expect(there.length).toBeGreaterThan(0);
						}
					}
				}
			)
		);
	});
});
