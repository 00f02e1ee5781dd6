import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MINUTE_MS } from '$lib/domain/program/agenda';
import { introLine, nowAndNext, overrun, runningOrder } from '$lib/domain/program/banquet';

const START = Date.UTC(2026, 11, 18, 11, 0);
const minutesArb = fc.array(fc.integer({ min: 1, max: 90 }), { minLength: 1, maxLength: 12 });

describe('running order arithmetic (properties)', () => {
	it('starts each segment where the last ended, from the banquet start', () => {
		fc.assert(
			fc.property(minutesArb, (minutes) => {
				const order = runningOrder(START, minutes);
				expect(order[0].start).toBe(START);
				for (const [i, s] of order.entries()) {
					expect(s.end - s.start).toBe(minutes[i] * MINUTE_MS);
					if (i > 0) {
						expect(s.start).toBe(order[i - 1].end);
					}
				}
			})
		);
	});

	it('reports over- or under-run as total minutes minus the planned length', () => {
		fc.assert(
			fc.property(minutesArb, fc.integer({ min: 0, max: 400 }), (minutes, planned) => {
				const order = runningOrder(START, minutes);
				const total = minutes.reduce((a, b) => a + b, 0);
				expect(overrun(order, START, START + planned * MINUTE_MS)).toBe(total - planned);
			})
		);
	});

	it('running late moves the current segment end and every later segment by N, nothing earlier', () => {
		fc.assert(
			fc.property(
				minutesArb,
				fc.integer({ min: 1, max: 60 }),
				fc.integer({ min: 0, max: 600 }),
				(minutes, late, atMin) => {
					const at = START + atMin * MINUTE_MS;
					const plain = runningOrder(START, minutes);
					const moved = runningOrder(START, minutes, { minutes: late, at });
					for (const [i, s] of moved.entries()) {
						const p = plain[i];
						expect(s.start - p.start).toBe(p.start >= at ? late * MINUTE_MS : 0);
						expect(s.end - p.end).toBe(p.end > at ? late * MINUTE_MS : 0);
						// Still in order, never overlapping.
						if (i > 0) {
							expect(s.start).toBeGreaterThanOrEqual(moved[i - 1].end);
						}
					}
					const total = minutes.reduce((a, b) => a + b, 0);
					const lastEnd = START + total * MINUTE_MS;
					expect(overrun(moved, START, lastEnd)).toBe(lastEnd > at ? late : 0);
				}
			)
		);
	});

	it('knows what is on now and what comes next', () => {
		const order = runningOrder(START, [5, 10, 15]);
		expect(nowAndNext(order, START - 1)).toEqual({ now: null, next: 0 });
		expect(nowAndNext(order, START + 7 * MINUTE_MS)).toEqual({ now: 1, next: 2 });
		expect(nowAndNext(order, START + 29 * MINUTE_MS)).toEqual({ now: 2, next: null });
		expect(nowAndNext(order, START + 31 * MINUTE_MS)).toEqual({ now: null, next: null });
	});
});

describe('MC lines', () => {
	const gm = {
		name: '张伟',
		nameLatin: 'Zhang Wei',
		title: '总经理',
		titleEn: 'general manager',
		company: null,
		companyEn: null
	};
	it('introduces our people as DOMAIN.md does, in both languages', () => {
		expect(introLine(gm, 'zh-CN', true)).toBe('这位是我们公司的总经理张伟。');
		expect(introLine(gm, 'en', true)).toBe('This is Zhang Wei, our general manager.');
	});
	it('names a guest with title and company', () => {
		const g = {
			...gm,
			name: '李娜',
			nameLatin: null,
			title: '董事长',
			titleEn: null,
			company: '百联',
			companyEn: 'Bailian'
		};
		expect(introLine(g, 'zh-CN', false)).toBe('百联董事长李娜。');
		expect(introLine(g, 'en', false)).toBe('李娜, 董事长 of Bailian.');
	});
});
