import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	agendaWarnings,
	MINUTE_MS,
	PRESENTATION_MIN_MINUTES,
	shiftLater,
	standardProgramme
} from '$lib/domain/program/agenda';

const START = Date.UTC(2026, 11, 18, 6, 0);
const at = (min: number) => START + min * MINUTE_MS;

describe('standard programme', () => {
	it('lays the five parts in DOMAIN.md order, back to back, exactly across the hours', () => {
		fc.assert(
			fc.property(fc.integer({ min: 60, max: 12 * 60 }), (minutes) => {
				const end = START + minutes * MINUTE_MS;
				const items = standardProgramme(START, end);
				expect(items.map((i) => i.kind)).toEqual([
					'welcome',
					'tour',
					'presentation',
					'banquet',
					'entertainment'
				]);
				expect(items[0].start).toBe(START);
				expect(items.at(-1)!.end).toBe(end);
				for (const [i, item] of items.entries()) {
					expect(item.end).toBeGreaterThan(item.start);
					if (i > 0) {
						expect(item.start).toBe(items[i - 1].end);
					}
				}
			})
		);
	});

	it('keeps time for the new-product presentation and discussion', () => {
		fc.assert(
			fc.property(fc.integer({ min: 180, max: 12 * 60 }), (minutes) => {
				const items = standardProgramme(START, START + minutes * MINUTE_MS);
				const p = items.find((i) => i.kind === 'presentation')!;
				expect((p.end - p.start) / MINUTE_MS).toBeGreaterThanOrEqual(PRESENTATION_MIN_MINUTES);
				expect(p.guest_notes_en).toMatch(/discussion/);
			})
		);
	});
});

describe('agenda warnings', () => {
	const hours = { start: START, end: START + 240 * MINUTE_MS };
	const speaker = (id: number, status = 'accepted') => ({ inviteeId: id, name: `P${id}`, status });

	it('warns about items outside the hours, overlaps, clashes and declined speakers', () => {
		const warnings = agendaWarnings(
			[
				{ id: 1, start: at(-10), end: at(20), parallel: false, speakers: [speaker(7)] },
				{ id: 2, start: at(10), end: at(40), parallel: false, speakers: [speaker(7)] },
				{ id: 3, start: at(50), end: at(60), parallel: false, speakers: [speaker(8, 'declined')] }
			],
			hours
		);
		expect(warnings).toEqual([
			{ kind: 'outside_hours', itemId: 1 },
			{ kind: 'overlap', itemId: 1, otherId: 2 },
			{ kind: 'speaker_clash', itemId: 1, otherId: 2, name: 'P7' },
			{ kind: 'speaker_declined', itemId: 3, name: 'P8' }
		]);
	});

	it('does not call parallel items an overlap, but still sees a speaker in both', () => {
		const warnings = agendaWarnings(
			[
				{ id: 1, start: at(0), end: at(60), parallel: true, speakers: [speaker(7)] },
				{ id: 2, start: at(30), end: at(90), parallel: false, speakers: [speaker(7)] }
			],
			hours
		);
		expect(warnings.map((w) => w.kind)).toEqual(['speaker_clash']);
	});

	it('finds no overlap in back-to-back items (property)', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 12 }), (lengths) => {
				let t = 0;
				const items = lengths.map((len, id) => {
					const item = { id, start: at(t), end: at(t + len), parallel: false, speakers: [] };
					t += len;
					return item;
				});
				const warnings = agendaWarnings(items, { start: at(0), end: at(t) });
				expect(warnings).toEqual([]);
			})
		);
	});
});

describe('shifting later items', () => {
	it('moves exactly the items that started at or after the old end, by the same minutes', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 10 }),
				fc.integer({ min: -60, max: 60 }).filter((d) => d !== 0),
				(starts, delta) => {
					const items = starts.map((s, id) => ({ id, start: at(s), end: at(s + 30) }));
					const changed = items[0];
					const moved = shiftLater(items, changed.id, changed.end, delta * MINUTE_MS);
					const expected = items.filter((i) => i.id !== 0 && i.start >= changed.end);
					expect(moved.map((m) => m.id)).toEqual(expected.map((i) => i.id));
					for (const m of moved) {
						const before = items.find((i) => i.id === m.id)!;
						expect(m.start - before.start).toBe(delta * MINUTE_MS);
						expect(m.end - before.end).toBe(delta * MINUTE_MS);
					}
				}
			)
		);
	});
});
