import { describe, expect, it } from 'vitest';
import {
	BADGE_LAYOUTS,
	cardBox,
	cutMarks,
	MM,
	pageCount,
	PRINT_MARGIN,
	sheetFor
} from '$lib/server/badges/layouts';
import {
	clashingRoles,
	contrastRatio,
	DEFAULT_PALETTE,
	labelColourFor,
	parsePalette,
	relativeLuminance
} from '$lib/server/badges/palette';
import { sortPeople } from '$lib/server/badges/sort';
import { familyNameKey } from '$lib/server/text/pinyin';
import { BADGE_ROLES } from '$lib/server/badges/types';

describe('badge palette', () => {
	it('computes WCAG contrast like the specification (black on white is 21:1)', () => {
		expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 5);
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
	});

	it('gives every role label in the default palette at least AA contrast (4.5:1)', () => {
		for (const role of BADGE_ROLES) {
			const { band, text } = DEFAULT_PALETTE[role];
			expect(contrastRatio(band, text), role).toBeGreaterThanOrEqual(4.5);
		}
	});

	it('keeps every default band clearly apart from the others', () => {
		expect(
			clashingRoles({
				guest: DEFAULT_PALETTE.guest.band,
				general_manager: DEFAULT_PALETTE.general_manager.band,
				executive: DEFAULT_PALETTE.executive.band,
				staff: DEFAULT_PALETTE.staff.band,
				companion: DEFAULT_PALETTE.companion.band
			})
		).toEqual([]);
		expect(
			clashingRoles({
				guest: '#000000',
				general_manager: '#ff0000',
				executive: '#050505',
				staff: '#ffffff',
				companion: '#0000ff'
			})
		).toContainEqual(['guest', 'executive']);
	});

	it('gives every role its own band colour', () => {
		const bands = BADGE_ROLES.map((r) => DEFAULT_PALETTE[r].band);
		expect(new Set(bands).size).toBe(BADGE_ROLES.length);
	});

	it('picks a readable label colour for any band a gathering chooses', () => {
		for (const band of [
			'#ffff00',
			'#000080',
			'#808080',
			'#ff0000',
			'#00ff00',
			'#7f7f7f',
			'#767676',
			'#777777'
		]) {
			expect(contrastRatio(band, labelColourFor(band)), band).toBeGreaterThanOrEqual(4.5);
		}
	});

	it('reads a gathering palette and falls back to the default for anything unreadable', () => {
		const palette = parsePalette(
			JSON.stringify({ guest: '#FFFF00', staff: { band: 'red' }, executive: { band: '#000080' } })
		);
		expect(palette.guest).toEqual({ band: '#ffff00', text: '#000000' });
		expect(palette.executive).toEqual({ band: '#000080', text: '#ffffff' });
		expect(palette.staff).toEqual(DEFAULT_PALETTE.staff);
		expect(parsePalette('not json')).toEqual(DEFAULT_PALETTE);
		expect(parsePalette(null)).toEqual(DEFAULT_PALETTE);
	});
});

describe('badge layouts', () => {
	it('keeps every card at least 10 mm from the paper edge', () => {
		for (const layout of BADGE_LAYOUTS) {
			const sheet = sheetFor(layout);
			const perPage = sheet.cols * sheet.rows;
			for (let i = 0; i < perPage; i++) {
				const box = cardBox(sheet, i);
				const inset = layout === 'a6' ? sheet.padding : 0;
				expect(box.x + inset, layout).toBeGreaterThanOrEqual(PRINT_MARGIN - 0.01);
				expect(box.y + inset, layout).toBeGreaterThanOrEqual(PRINT_MARGIN - 0.01);
				expect(box.x + box.w - inset, layout).toBeLessThanOrEqual(sheet.page[0] - PRINT_MARGIN);
				expect(box.y + box.h - inset, layout).toBeLessThanOrEqual(sheet.page[1] - PRINT_MARGIN);
			}
		}
	});

	it('sizes cards to the pouches: 90×55 mm and 4×3 in', () => {
		expect(sheetFor('a4-90x55').card.w / MM).toBeCloseTo(90, 5);
		expect(sheetFor('a4-90x55').card.h / MM).toBeCloseTo(55, 5);
		expect(sheetFor('a4-4x3in').card.w / MM).toBeCloseTo(101.6, 5);
		expect(sheetFor('a4-4x3in').card.h / MM).toBeCloseTo(76.2, 5);
		expect(pageCount('a4-90x55', 10)).toBe(1);
		expect(pageCount('a4-90x55', 11)).toBe(2);
		expect(pageCount('a4-4x3in', 4)).toBe(1);
	});

	it('draws cut marks only in the margin, off the cards and 5 mm clear of the paper edge', () => {
		for (const layout of ['a4-90x55', 'a4-4x3in'] as const) {
			const sheet = sheetFor(layout);
			const marks = cutMarks(sheet);
			expect(marks.length).toBe(2 * (sheet.cols + 1) + 2 * (sheet.rows + 1));
			const grid = {
				x1: sheet.origin.x,
				y1: sheet.origin.y,
				x2: sheet.origin.x + sheet.cols * sheet.card.w,
				y2: sheet.origin.y + sheet.rows * sheet.card.h
			};
			for (const m of marks) {
				for (const [x, y] of [
					[m.x1, m.y1],
					[m.x2, m.y2]
				]) {
					expect(x).toBeGreaterThanOrEqual(5 * MM - 0.01);
					expect(y).toBeGreaterThanOrEqual(5 * MM - 0.01);
					expect(x).toBeLessThanOrEqual(sheet.page[0] - 5 * MM + 0.01);
					expect(y).toBeLessThanOrEqual(sheet.page[1] - 5 * MM + 0.01);
					const inside = x > grid.x1 && x < grid.x2 && y > grid.y1 && y < grid.y2;
					expect(inside).toBe(false);
				}
			}
		}
		expect(cutMarks(sheetFor('a6'))).toEqual([]);
	});
});

describe('badge order', () => {
	it('sorts Chinese names by pinyin of the family name and Latin names by the last word', () => {
		expect(familyNameKey('王伟')).toBe('wang wei');
		expect(familyNameKey('单雄信')).toBe('shan xiong xin');
		expect(familyNameKey('Anna  Smith')).toBe('smith anna');
		const people = [
			{ name: '王伟', company: '百联' },
			{ name: 'Anna Smith', company: 'Acme' },
			{ name: '李明', company: '百联' },
			{ name: 'Tom Baker', company: 'Zeta' }
		];
		expect(sortPeople(people, 'family').map((p) => p.name)).toEqual([
			'Tom Baker',
			'李明',
			'Anna Smith',
			'王伟'
		]);
		expect(sortPeople(people, 'account').map((p) => p.name)).toEqual([
			'Anna Smith',
			'李明',
			'王伟',
			'Tom Baker'
		]);
	});
});
