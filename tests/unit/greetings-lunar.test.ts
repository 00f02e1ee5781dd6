import { describe, expect, it } from 'vitest';
import chineseDays from 'chinese-days';
import table from '../fixtures/greetings/lunar-festivals.json';
import { lunarFestivals } from '$lib/domain/greetings';
import {
	lunarBirthdayDate,
	lunarFestivalDate,
	lunarYearOf,
	zodiacOf
} from '$lib/server/greetings/lunar';

const YEARS = [2026, 2027, 2028, 2029, 2030];

describe('lunar festivals', () => {
	it('puts Spring Festival 2027 on 6 February and Mid-Autumn 2027 on 15 September', () => {
		expect(lunarFestivalDate('spring_festival', 2027)).toBe('2027-02-06');
		expect(lunarFestivalDate('mid_autumn', 2027)).toBe('2027-09-15');
	});

	it('puts 除夕 2025 on 28 January, the 29th of a 29-day twelfth month', () => {
		expect(lunarFestivalDate('new_years_eve', 2025)).toBe('2025-01-28');
		expect(lunarFestivalDate('spring_festival', 2025)).toBe('2025-01-29');
	});

	it('matches the published table for 2026-2030', () => {
		for (const festival of lunarFestivals) {
			const published = (table.festivals as Record<string, string[]>)[festival];
			expect(YEARS.map((y) => lunarFestivalDate(festival, y))).toEqual(published);
		}
	});

	it('agrees with chinese-days, a second lunar library, on every published date', () => {
		const lunarOf: Record<string, [number, number]> = {
			spring_festival: [1, 1],
			lantern: [1, 15],
			dragon_boat: [5, 5],
			qixi: [7, 7],
			mid_autumn: [8, 15],
			double_ninth: [9, 9]
		};
		for (const [festival, [month, day]] of Object.entries(lunarOf)) {
			for (const year of YEARS) {
				const lunar = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
				expect(chineseDays.getSolarDateFromLunar(lunar).date).toBe(
					lunarFestivalDate(festival as never, year)
				);
			}
		}
		for (const year of YEARS) {
			const days = chineseDays.monthDays(year - 1, 12);
			const eve = chineseDays.getSolarDateFromLunar(`${year - 1}-12-${days}`).date;
			expect(eve).toBe(lunarFestivalDate('new_years_eve', year));
		}
	});

	it('is always the day before Spring Festival, for any year', () => {
		for (let year = 1950; year <= 2100; year++) {
			const eve = new Date(lunarFestivalDate('new_years_eve', year) + 'T00:00:00Z');
			const spring = new Date(lunarFestivalDate('spring_festival', year) + 'T00:00:00Z');
			expect(spring.getTime() - eve.getTime()).toBe(86_400_000);
		}
	});
});

describe('lunar birthdays and the zodiac', () => {
	it('finds a lunar birthday in a given lunar year, and keeps the 30th on a 29-day month', () => {
		// 八月十五 of lunar 2027 is Mid-Autumn day.
		expect(lunarBirthdayDate('08-15', 2027)).toBe('2027-09-15');
		// The twelfth month of lunar 2024 has 29 days: a 腊月三十 birthday is kept on 腊月廿九.
		expect(lunarBirthdayDate('12-30', 2024)).toBe('2025-01-28');
	});

	it('names the animal of the lunar year a date falls in', () => {
		expect(zodiacOf('2027-02-06')).toEqual({ zh: '羊', en: 'Goat' });
		expect(zodiacOf('2027-02-05')).toEqual({ zh: '马', en: 'Horse' });
		expect(zodiacOf('2026-09-25')).toEqual({ zh: '马', en: 'Horse' });
		expect(lunarYearOf('2025-01-28')).toBe(2024);
	});
});
