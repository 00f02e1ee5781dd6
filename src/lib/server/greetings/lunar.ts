import { LunarDay, LunarMonth, LunarYear, SolarDay } from 'tyme4ts';
import type { LunarFestival } from '$lib/domain/greetings';

/**
 * Lunar dates through tyme4ts (6tail's successor of lunar-javascript). Chosen over chinese-days,
 * which the scheduling check uses for the official holiday calendar: chinese-days converts only
 * within its own table (1900–2100) and names festivals but gives no month lengths per lunar year,
 * while tyme4ts computes any year from astronomical new moons and exposes each lunar month's day
 * count, which 除夕 (the 29th or the 30th of the twelfth month) and lunar birthdays on the 30th
 * need. Both agree on every date in tests/fixtures/lunar-festivals.json.
 */

const pad = (n: number) => String(n).padStart(2, '0');

function iso(day: SolarDay): string {
	return `${day.getYear()}-${pad(day.getMonth())}-${pad(day.getDay())}`;
}

/** Lunar month and day of each festival (除夕 is computed: the twelfth month's last day). */
const FIXED_LUNAR: Record<Exclude<LunarFestival, 'new_years_eve'>, [number, number]> = {
	spring_festival: [1, 1],
	lantern: [1, 15],
	dragon_boat: [5, 5],
	qixi: [7, 7],
	mid_autumn: [8, 15],
	double_ninth: [9, 9]
};

/**
 * The Gregorian date (YYYY-MM-DD) of a lunar festival in Gregorian year `year`. Every one of them
 * falls once in each Gregorian year; 除夕 is the eve of that year's Spring Festival.
 */
export function lunarFestivalDate(festival: LunarFestival, year: number): string {
	if (festival === 'new_years_eve') {
		const twelfth = LunarMonth.fromYm(year - 1, 12);
		return iso(LunarDay.fromYmd(year - 1, 12, twelfth.getDayCount()).getSolarDay());
	}
	const [month, day] = FIXED_LUNAR[festival];
	return iso(LunarDay.fromYmd(year, month, day).getSolarDay());
}

/**
 * The Gregorian date on which a lunar birthday (lunar month and day, 'MM-DD') falls in lunar year
 * `lunarYear`. A birthday on the 30th is kept on the month's last day when that month has only 29
 * days, as families do.
 */
export function lunarBirthdayDate(monthDay: string, lunarYear: number): string {
	const [month, day] = monthDay.split('-').map(Number);
	const days = LunarMonth.fromYm(lunarYear, month).getDayCount();
	return iso(LunarDay.fromYmd(lunarYear, month, Math.min(day, days)).getSolarDay());
}

/** The lunar year a Gregorian date belongs to (a date before Spring Festival is in the last one). */
export function lunarYearOf(date: string): number {
	const [y, m, d] = date.split('-').map(Number);
	return SolarDay.fromYmd(y, m, d).getLunarDay().getYear();
}

const ZODIAC_EN: Record<string, string> = {
	鼠: 'Rat',
	牛: 'Ox',
	虎: 'Tiger',
	兔: 'Rabbit',
	龙: 'Dragon',
	蛇: 'Snake',
	马: 'Horse',
	羊: 'Goat',
	猴: 'Monkey',
	鸡: 'Rooster',
	狗: 'Dog',
	猪: 'Pig'
};

const zodiacCache = new Map<string, { zh: string; en: string }>();

/** The zodiac animal of the lunar year `date` is in: { zh: '马', en: 'Horse' }. */
export function zodiacOf(date: string): { zh: string; en: string } {
	let known = zodiacCache.get(date);
	if (!known) {
		known = computeZodiac(date);
		if (zodiacCache.size < 1000) {
			zodiacCache.set(date, known);
		}
	}
	return known;
}

function computeZodiac(date: string): { zh: string; en: string } {
	const zh = LunarYear.fromYear(lunarYearOf(date))
		.getSixtyCycle()
		.getEarthBranch()
		.getZodiac()
		.getName();
	return { zh, en: ZODIAC_EN[zh] ?? zh };
}
