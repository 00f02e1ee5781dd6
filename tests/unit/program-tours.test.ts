import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	assignTours,
	staggeredOffsets,
	stopClashes,
	type TourGroupSpec,
	type TourPerson,
	type TourResult
} from '$lib/domain/program/tours';

const language = fc.constantFrom<string | null>(null, 'zh', 'en');

const groupsArb = fc
	.array(
		fc.record({ capacity: fc.integer({ min: 1, max: 15 }), language: fc.constantFrom('zh', 'en') }),
		{ minLength: 1, maxLength: 6 }
	)
	.map((gs) => gs.map((g, i) => ({ id: i + 1, ...g }) satisfies TourGroupSpec));

const peopleArb = fc
	.tuple(
		fc.array(fc.record({ size: fc.integer({ min: 1, max: 5 }), language }), { maxLength: 14 }),
		fc.integer({ min: 0, max: 5 })
	)
	.map(([units, executives]) => {
		const people: TourPerson[] = [];
		units.forEach((u, i) => {
			for (let k = 0; k < u.size; k += 1) {
				people.push({ key: `a${i}p${k}`, unit: `a${i}`, language: u.language, executive: false });
			}
		});
		for (let e = 0; e < executives; e += 1) {
			people.push({ key: `x${e}`, unit: `x${e}`, language: null, executive: true });
		}
		return people;
	});

function loads(result: TourResult) {
	const out = new Map<number, number>();
	for (const gid of result.assignment.values()) {
		out.set(gid, (out.get(gid) ?? 0) + 1);
	}
	return out;
}

const fits = (g: TourGroupSpec, p: TourPerson) => !p.language || p.language === g.language;

describe('tour assignment (properties)', () => {
	it('never puts more people in a group than it holds, and leaves people out only when all are full', () => {
		fc.assert(
			fc.property(groupsArb, peopleArb, (groups, people) => {
				const r = assignTours({ groups, people });
				const l = loads(r);
				for (const g of groups) {
					expect(l.get(g.id) ?? 0).toBeLessThanOrEqual(g.capacity);
				}
				expect(r.assignment.size + r.unassigned.length).toBe(people.length);
				if (r.unassigned.length > 0) {
					for (const g of groups) {
						expect(l.get(g.id)).toBe(g.capacity);
					}
				}
			})
		);
	});

	it('keeps an account together whenever some group can hold it', () => {
		fc.assert(
			fc.property(groupsArb, peopleArb, (groups, people) => {
				const r = assignTours({ groups, people });
				const l = loads(r);
				const units = new Map<string, TourPerson[]>();
				for (const p of people) {
					units.set(p.unit, [...(units.get(p.unit) ?? []), p]);
				}
				for (const [unit, members] of units) {
					const where = new Set(members.map((m) => r.assignment.get(m.key) ?? -1));
					if (where.size <= 1) {
						continue;
					}
					// Split: then no group that speaks everyone's language has room for all of them.
					for (const g of groups) {
						const inside = members.filter((m) => r.assignment.get(m.key) === g.id).length;
						const room = g.capacity - (l.get(g.id) ?? 0) + inside;
						expect(room >= members.length && members.every((m) => fits(g, m))).toBe(false);
					}
					expect(r.breaches).toContainEqual(
						expect.objectContaining({ rule: 'account_together', unit })
					);
				}
			})
		);
	});

	it('never moves pinned people, whatever changed since', () => {
		fc.assert(
			fc.property(
				groupsArb,
				peopleArb,
				fc.array(fc.boolean(), { maxLength: 80 }),
				fc.array(fc.integer({ min: 1, max: 15 }), { maxLength: 6 }),
				(groups, people, pinMask, newCapacities) => {
					const first = assignTours({ groups, people });
					const pinned = new Set(
						[...first.assignment.keys()].filter((_, i) => pinMask[i % Math.max(1, pinMask.length)])
					);
					const changed = groups.map((g, i) => ({
						...g,
						capacity: newCapacities[i] ?? g.capacity
					}));
					const second = assignTours({
						groups: changed,
						people,
						previous: first.assignment,
						pinned
					});
					for (const key of pinned) {
						expect(second.assignment.get(key)).toBe(first.assignment.get(key));
					}
					expect(second.moved.some((k) => pinned.has(k))).toBe(false);
				}
			)
		);
	});

	it('after one new acceptance, moves nobody but the newcomer', () => {
		fc.assert(
			fc.property(
				groupsArb,
				peopleArb,
				fc.nat(),
				language,
				fc.boolean(),
				(groups, people, pick, lang, joinsAccount) => {
					const first = assignTours({ groups, people });
					const unit =
						joinsAccount && people.length > 0 ? people[pick % people.length].unit : 'newcomer';
					const newcomer: TourPerson = {
						key: 'new',
						unit,
						language:
							joinsAccount && people.length > 0 ? people[pick % people.length].language : lang,
						executive: false
					};
					const second = assignTours({
						groups,
						people: [...people, newcomer],
						previous: first.assignment
					});
					// Only a rule forces a move: someone who sat in a group of another language.
					const byId = new Map(groups.map((g) => [g.id, g]));
					for (const key of second.moved) {
						const p = people.find((q) => q.key === key)!;
						expect(fits(byId.get(first.assignment.get(key)!)!, p)).toBe(false);
						expect(fits(byId.get(second.assignment.get(key)!)!, p)).toBe(true);
					}
					for (const p of people) {
						if (!second.moved.includes(p.key) && first.assignment.has(p.key)) {
							expect(second.assignment.get(p.key)).toBe(first.assignment.get(p.key));
						}
					}
					const roomLeft = groups.some((g) => (loads(first).get(g.id) ?? 0) < g.capacity);
					expect(second.assignment.has('new')).toBe(roomLeft);
				}
			)
		);
	});

	it('reports only breaches that are real', () => {
		fc.assert(
			fc.property(groupsArb, peopleArb, (groups, people) => {
				const r = assignTours({ groups, people });
				const byId = new Map(groups.map((g) => [g.id, g]));
				const byKey = new Map(people.map((p) => [p.key, p]));
				for (const b of r.breaches) {
					switch (b.rule) {
						case 'capacity':
							for (const k of b.keys) {
								expect(r.assignment.has(k)).toBe(false);
							}
							break;
						case 'account_together':
							expect(new Set(b.keys.map((k) => r.assignment.get(k) ?? -1)).size).toBeGreaterThan(1);
							break;
						case 'language':
							for (const k of b.keys) {
								expect(r.assignment.get(k)).toBe(b.groupId);
								expect(fits(byId.get(b.groupId)!, byKey.get(k)!)).toBe(false);
							}
							break;
						case 'executive_spread':
							for (const gid of b.groupIds) {
								const inGroup = people.filter((p) => r.assignment.get(p.key) === gid);
								expect(inGroup.length).toBeGreaterThan(0);
								expect(inGroup.some((p) => p.executive)).toBe(false);
							}
							break;
						case 'pinned_over_capacity':
							expect(b.keys.length).toBeGreaterThan(byId.get(b.groupId)!.capacity);
							break;
					}
				}
			})
		);
	});

	it('balances sizes and spreads executives on an easy list', () => {
		const groups = [1, 2, 3].map((id) => ({ id, capacity: 20, language: 'zh' }));
		const people: TourPerson[] = [
			...[0, 1, 2].map((e) => ({ key: `x${e}`, unit: `x${e}`, language: null, executive: true })),
			...Array.from({ length: 24 }, (_, i) => ({
				key: `p${i}`,
				unit: `a${Math.floor(i / 2)}`,
				language: 'zh',
				executive: false
			}))
		];
		const r = assignTours({ groups, people });
		expect([...loads(r).values()].sort()).toEqual([9, 9, 9]);
		for (const g of groups) {
			expect(people.filter((p) => p.executive && r.assignment.get(p.key) === g.id)).toHaveLength(1);
		}
		expect(r.breaches).toEqual([]);
	});

	it('says which rule gave way: an account bigger than any group, no English guide', () => {
		const groups = [
			{ id: 1, capacity: 3, language: 'zh' },
			{ id: 2, capacity: 3, language: 'zh' }
		];
		const people: TourPerson[] = [
			...Array.from({ length: 4 }, (_, i) => ({
				key: `big${i}`,
				unit: 'big',
				language: null,
				executive: false
			})),
			{ key: 'en', unit: 'solo', language: 'en', executive: false }
		];
		const r = assignTours({ groups, people });
		expect(r.breaches.map((b) => b.rule).sort()).toEqual(['account_together', 'language']);
		expect(r.breaches.find((b) => b.rule === 'language')).toMatchObject({ keys: ['en'] });
	});
});

describe('tour timetable', () => {
	const route = [
		{ place: '成品仓库', minutes: 20, safety: '' },
		{ place: '主车间', minutes: 30, safety: '戴安全帽' }
	];
	it('staggered starts never put two groups at one stop together (property)', () => {
		fc.assert(
			fc.property(
				fc
					.array(
						fc.record({
							place: fc.constantFrom('A', 'B', 'C'),
							minutes: fc.integer({ min: 1, max: 40 }),
							safety: fc.constant('')
						}),
						{ minLength: 1, maxLength: 5 }
					)
					.map((r) =>
						// One visit per place along a route.
						r.filter((s, i) => r.findIndex((t) => t.place === s.place) === i)
					),
				fc.integer({ min: 1, max: 6 }),
				(r, count) => {
					const offsets = staggeredOffsets(count, r);
					const groups = offsets.map((o, i) => ({
						id: i + 1,
						name: `G${i}`,
						startOffset: o,
						route: r
					}));
					expect(stopClashes(groups)).toEqual([]);
				}
			)
		);
	});
	it('warns when two groups would share a stop', () => {
		const clashes = stopClashes([
			{ id: 1, name: 'A', startOffset: 0, route },
			{ id: 2, name: 'B', startOffset: 10, route }
		]);
		expect(clashes[0]).toMatchObject({ place: '成品仓库', groupA: 1, groupB: 2, from: 10, to: 20 });
	});
});
