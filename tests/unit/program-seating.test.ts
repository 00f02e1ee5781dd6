import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	assignSeats,
	seatOrder,
	tableOrder,
	type SeatPerson,
	type SeatingResult,
	type TableSpec
} from '$lib/domain/program/seating';

const tablesArb = fc
	.array(fc.integer({ min: 2, max: 12 }), { minLength: 1, maxLength: 8 })
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

const peopleArb = fc
	.tuple(
		fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 14 }),
		fc.integer({ min: 0, max: 6 })
	)
	.map(([units, hosts]) => {
		const people: SeatPerson[] = [];
		for (let h = 0; h < hosts; h += 1) {
			people.push({ key: `h${h}`, unit: `h${h}`, host: true, rank: h });
		}
		units.forEach((size, u) => {
			for (let k = 0; k < size; k += 1) {
				people.push({ key: `u${u}p${k}`, unit: `u${u}`, host: false, rank: u * 10 + k });
			}
		});
		return people;
	});

/** Keep-apart pairs between people of different units (a unit cannot be kept apart from itself). */
const withPairs = fc
	.tuple(tablesArb, peopleArb, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }))
	.map(([tables, people, raw]) => {
		const guests = people.filter((p) => !p.host);
		const pairs: [string, string][] = [];
		for (const [a, b] of raw) {
			if (guests.length < 2) {
				break;
			}
			const pa = guests[a % guests.length];
			const pb = guests[b % guests.length];
			if (pa.unit !== pb.unit) {
				pairs.push([pa.key, pb.key]);
			}
		}
		return { tables, people, pairs };
	});

function checkSeatsValid(tables: TableSpec[], r: SeatingResult) {
	const byId = new Map(tables.map((t) => [t.id, t]));
	const used = new Set<string>();
	for (const s of r.seats.values()) {
		const t = byId.get(s.tableId)!;
		expect(s.seat).toBeGreaterThanOrEqual(1);
		expect(s.seat).toBeLessThanOrEqual(t.seats);
		const id = `${s.tableId}:${s.seat}`;
		expect(used.has(id)).toBe(false);
		used.add(id);
	}
}

describe('seating (properties)', () => {
	it('never gives a seat twice or a seat a table does not have; leaves people out only when full', () => {
		fc.assert(
			fc.property(withPairs, ({ tables, people, pairs }) => {
				const r = assignSeats({ tables, people, entrance: 'bottom', keepApart: pairs });
				checkSeatsValid(tables, r);
				expect(r.seats.size + r.unseated.length).toBe(people.length);
				if (r.unseated.length > 0) {
					expect(r.seats.size).toBe(tables.reduce((s, t) => s + t.seats, 0));
				}
			})
		);
	});

	it('keeps an account together whenever some table can hold it', () => {
		fc.assert(
			fc.property(withPairs, ({ tables, people, pairs }) => {
				const r = assignSeats({ tables, people, entrance: 'bottom', keepApart: pairs });
				const load = new Map<number, number>();
				for (const s of r.seats.values()) {
					load.set(s.tableId, (load.get(s.tableId) ?? 0) + 1);
				}
				const units = new Map<string, SeatPerson[]>();
				for (const p of people.filter((q) => !q.host)) {
					units.set(p.unit, [...(units.get(p.unit) ?? []), p]);
				}
				for (const [unit, members] of units) {
					if (new Set(members.map((m) => r.seats.get(m.key)?.tableId ?? -1)).size <= 1) {
						continue;
					}
					for (const t of tables) {
						const outside = members.filter((m) => r.seats.get(m.key)?.tableId !== t.id);
						const seatedThere = people.filter((p) => r.seats.get(p.key)?.tableId === t.id);
						const clash = outside.some((m) =>
							pairs.some(
								([a, b]) =>
									(a === m.key && seatedThere.some((p) => p.key === b)) ||
									(b === m.key && seatedThere.some((p) => p.key === a))
							)
						);
						const room = t.seats - (load.get(t.id) ?? 0) >= outside.length;
						expect(room && !clash).toBe(false);
					}
					expect(r.breaches).toContainEqual(
						expect.objectContaining({ rule: 'account_together', unit })
					);
				}
			})
		);
	});

	it('never moves pinned people, even after tables shrink', () => {
		fc.assert(
			fc.property(
				withPairs,
				fc.array(fc.boolean(), { minLength: 1, maxLength: 60 }),
				fc.array(fc.integer({ min: 2, max: 12 }), { maxLength: 8 }),
				({ tables, people, pairs }, mask, resize) => {
					const first = assignSeats({ tables, people, entrance: 'bottom', keepApart: pairs });
					const pinned = new Set([...first.seats.keys()].filter((_, i) => mask[i % mask.length]));
					const changed = tables.map((t, i) => ({ ...t, seats: resize[i] ?? t.seats }));
					const second = assignSeats({
						tables: changed,
						people,
						entrance: 'bottom',
						keepApart: pairs,
						previous: first.seats,
						pinned
					});
					for (const key of pinned) {
						expect(second.seats.get(key)).toEqual(first.seats.get(key));
					}
				}
			)
		);
	});

	it('after one new acceptance, moves nobody but the newcomer', () => {
		fc.assert(
			fc.property(withPairs, fc.nat(), fc.boolean(), ({ tables, people, pairs }, pick, joins) => {
				const first = assignSeats({ tables, people, entrance: 'bottom', keepApart: pairs });
				const guests = people.filter((p) => !p.host);
				const unit = joins && guests.length > 0 ? guests[pick % guests.length].unit : 'late';
				const newcomer: SeatPerson = { key: 'late', unit, host: false, rank: 5 };
				const second = assignSeats({
					tables,
					people: [...people, newcomer],
					entrance: 'bottom',
					keepApart: pairs,
					previous: first.seats
				});
				// Only a rule forces a move: one of a keep-apart pair that shared a table.
				const apartBefore = new Set(
					first.breaches.flatMap((b) => (b.rule === 'keep_apart' ? b.keys : []))
				);
				for (const key of second.moved) {
					expect(apartBefore.has(key)).toBe(true);
				}
				for (const [key, seat] of first.seats) {
					if (!second.moved.includes(key)) {
						expect(second.seats.get(key)).toEqual(seat);
					}
				}
				checkSeatsValid(tables, second);
				const full = first.seats.size === tables.reduce((s, t) => s + t.seats, 0);
				if (second.moved.length === 0) {
					expect(second.seats.has('late')).toBe(!full);
				}
			})
		);
	});

	it('reports only breaches that are real', () => {
		fc.assert(
			fc.property(withPairs, ({ tables, people, pairs }) => {
				const r = assignSeats({ tables, people, entrance: 'bottom', keepApart: pairs });
				const byKey = new Map(people.map((p) => [p.key, p]));
				for (const b of r.breaches) {
					switch (b.rule) {
						case 'capacity':
							for (const k of b.keys) {
								expect(r.seats.has(k)).toBe(false);
							}
							break;
						case 'account_together':
							expect(
								new Set(b.keys.map((k) => r.seats.get(k)?.tableId ?? -1)).size
							).toBeGreaterThan(1);
							break;
						case 'keep_apart':
							expect(r.seats.get(b.keys[0])?.tableId).toBe(b.tableId);
							expect(r.seats.get(b.keys[1])?.tableId).toBe(b.tableId);
							break;
						case 'no_host': {
							const there = people.filter((p) => r.seats.get(p.key)?.tableId === b.tableId);
							expect(there.some((p) => !p.host)).toBe(true);
							expect(there.some((p) => p.host)).toBe(false);
							break;
						}
						case 'pinned_over_capacity':
							for (const k of b.keys) {
								expect(byKey.has(k)).toBe(true);
							}
							break;
					}
				}
			})
		);
	});

	it('keeps apart pairs whenever another table has a seat', () => {
		const roomy = Array.from({ length: 20 }, (_, i) => ({
			id: i + 1,
			seats: 12,
			head: i === 0,
			row: Math.floor(i / 5),
			col: i % 5
		}));
		fc.assert(
			fc.property(withPairs, ({ people, pairs }) => {
				const r = assignSeats({ tables: roomy, people, entrance: 'bottom', keepApart: pairs });
				expect(r.breaches.filter((b) => b.rule === 'keep_apart')).toEqual([]);
				for (const [a, b] of pairs) {
					expect(r.seats.get(a)!.tableId).not.toBe(r.seats.get(b)!.tableId);
				}
			})
		);
	});
});

describe('precedence', () => {
	it('seats the host, principal guest at his right, second guest at his left, deputy opposite', () => {
		const tables: TableSpec[] = [
			{ id: 1, seats: 10, head: true, row: 0, col: 1 },
			{ id: 2, seats: 10, head: false, row: 1, col: 0 },
			{ id: 3, seats: 10, head: false, row: 1, col: 2 }
		];
		const people: SeatPerson[] = [
			{ key: 'gm', unit: 'gm', host: true, rank: 0 },
			{ key: 'vp', unit: 'vp', host: true, rank: 1 },
			{ key: 'sm', unit: 'sm', host: true, rank: 2 },
			{ key: 'principal', unit: 'a', host: false, rank: -100 },
			{ key: 'a2', unit: 'a', host: false, rank: 1 },
			{ key: 'b1', unit: 'b', host: false, rank: 10 },
			{ key: 'b2', unit: 'b', host: false, rank: 11 },
			{ key: 'c1', unit: 'c', host: false, rank: 100 },
			{ key: 'c2', unit: 'c', host: false, rank: 101 },
			{ key: 'c3', unit: 'c', host: false, rank: 102 },
			{ key: 'c4', unit: 'c', host: false, rank: 103 },
			{ key: 'c5', unit: 'c', host: false, rank: 104 }
		];
		const r = assignSeats({ tables, people, entrance: 'bottom' });
		expect(r.seats.get('gm')).toEqual({ tableId: 1, seat: 1 });
		expect(r.seats.get('principal')).toEqual({ tableId: 1, seat: 2 });
		expect(r.seats.get('a2')).toEqual({ tableId: 1, seat: 10 });
		expect(r.seats.get('vp')).toEqual({ tableId: 1, seat: 6 });
		expect(r.seats.get('b1')).toEqual({ tableId: 1, seat: 7 });
		expect(r.seats.get('b2')).toEqual({ tableId: 1, seat: 5 });
		// The head table has 4 guest seats left (3, 9, 8, 4): account c (5) goes to the next table,
		// which is on the host's right (facing the entrance at the bottom: screen left), with the
		// sales manager in its host seat.
		expect(tableOrder(tables, 'bottom').map((t) => t.id)).toEqual([1, 2, 3]);
		expect(r.seats.get('sm')).toEqual({ tableId: 2, seat: 1 });
		expect(r.seats.get('c1')).toEqual({ tableId: 2, seat: 2 });
		expect(r.breaches).toEqual([]);
	});

	it('orders seats so every seat is used once', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 24 }), (n) => {
				const { host, guest } = seatOrder(n);
				expect([...host].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
				expect([...guest].sort((a, b) => a - b)).toEqual(
					Array.from({ length: n }, (_, i) => i + 1)
				);
			})
		);
	});
});
