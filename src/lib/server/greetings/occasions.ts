import {
	lunarFestivals,
	solarFestivals,
	type Festival,
	type LunarFestival
} from '$lib/domain/greetings';
import { lunarBirthdayDate, lunarFestivalDate, lunarYearOf } from './lunar';

/** Calendar arithmetic on 'YYYY-MM-DD' dates (UTC noon-free: pure day counting). */
export function addDays(date: string, days: number): string {
	const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
	return new Date(t).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const SOLAR: Record<(typeof solarFestivals)[number], string> = {
	new_year: '01-01',
	national_day: '10-01',
	christmas: '12-25'
};

export function festivalDate(festival: Festival, year: number): string {
	if ((lunarFestivals as readonly string[]).includes(festival)) {
		return lunarFestivalDate(festival as LunarFestival, year);
	}
	return `${year}-${SOLAR[festival as keyof typeof SOLAR]}`;
}

/**
 * The date of a yearly 'MM-DD' in `year`; 29 February is kept on 28 February in other years
 * (the day before 1 March, as most people born on it celebrate).
 */
export function yearlyDate(monthDay: string, year: number): string {
	if (monthDay === '02-29') {
		const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
		return `${year}-02-${leap ? '29' : '28'}`;
	}
	return `${year}-${monthDay}`;
}

/** Every date of a yearly 'MM-DD' within [from, to] (inclusive; the range may cross a new year). */
export function yearlyDatesBetween(monthDay: string, from: string, to: string): string[] {
	const out: string[] = [];
	for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
		const date = yearlyDate(monthDay, year);
		if (date >= from && date <= to) {
			out.push(date);
		}
	}
	return out;
}

/** Every Gregorian date of a lunar birthday ('MM-DD', lunar) within [from, to]. */
export function lunarBirthdaysBetween(monthDay: string, from: string, to: string): string[] {
	const out: string[] = [];
	for (let year = lunarYearOf(from); year <= lunarYearOf(to); year++) {
		const date = lunarBirthdayDate(monthDay, year);
		if (date >= from && date <= to) {
			out.push(date);
		}
	}
	return out;
}

export interface FestivalOccurrence {
	festival: Festival;
	date: string;
}

/** The built-in festivals falling within [from, to], in date order. */
export function festivalsBetween(from: string, to: string): FestivalOccurrence[] {
	const out: FestivalOccurrence[] = [];
	for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
		for (const festival of [...lunarFestivals, ...solarFestivals]) {
			const date = festivalDate(festival, year);
			if (date >= from && date <= to) {
				out.push({ festival, date });
			}
		}
	}
	return out.sort((a, b) => a.date.localeCompare(b.date));
}
