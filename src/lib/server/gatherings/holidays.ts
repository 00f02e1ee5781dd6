// Default import: the package's "main" is CommonJS without "exports", so Node's ESM loader (the
// built server) cannot see its named exports, while Vite (dev and tests) would.
import chineseDays from 'chinese-days';
import type { ChinaDay, ChinaDayKind } from '$lib/domain/schedule';

export type { ChinaDay, ChinaDayKind };

/**
 * Whether the year's State Council holiday notice is in chinese-days' data. 1 January is a
 * holiday in every published year; where the data has no notice it names the day by its weekday.
 */
export function hasOfficialCalendar(year: number): boolean {
	try {
		return chineseDays.getDayDetail(`${year}-01-01`).name.startsWith("New Year's Day,");
	} catch {
		return false;
	}
}

function isoWeekday(date: string): number {
	const day = new Date(`${date}T00:00:00Z`).getUTCDay();
	return day === 0 ? 7 : day;
}

function addDays(date: string, n: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

type Festival = { zh: string; en: string };
const NEW_YEAR: Festival = { zh: '元旦', en: "New Year's Day" };
const SPRING: Festival = { zh: '春节', en: 'Spring Festival' };
// The same names as chinese-days' published data, so a computed day reads like an official one.
const QINGMING: Festival = { zh: '清明', en: 'Tomb-sweeping Day' };
const LABOUR: Festival = { zh: '劳动节', en: 'Labour Day' };
const DRAGON_BOAT: Festival = { zh: '端午', en: 'Dragon Boat Festival' };
const MID_AUTUMN: Festival = { zh: '中秋', en: 'Mid-autumn Festival' };
const NATIONAL: Festival = { zh: '国庆节', en: 'National Day' };

/** The solar date of a lunar date (month 1–12, never the leap month) in a lunar year. */
function fromLunar(lunarYear: number, month: number, day: number): string {
	const mm = String(month).padStart(2, '0');
	const dd = String(day).padStart(2, '0');
	return chineseDays.getSolarDateFromLunar(`${lunarYear}-${mm}-${dd}`).date;
}

/** 清明 is a solar term: the first day of "pure brightness" in early April. */
function qingming(year: number): string {
	const term = chineseDays
		.getSolarTermsInRange(`${year}-04-01`, `${year}-04-10`)
		.find((t) => t.term === 'pure_brightness' && t.index === 1);
	return term ? term.date : `${year}-04-05`;
}

const statutoryMemo = new Map<number, Map<string, Festival>>();

/**
 * The statutory festival days of a year under the current rules (国务院《全国年节及纪念日放假办法》,
 * as amended in 2024, in force from 2025): 元旦 1 Jan; 春节 除夕 and 正月初一 to 初三; 清明;
 * 劳动节 1–2 May; 端午 (五月初五); 中秋 (八月十五); 国庆 1–3 Oct. Lunar days come from the lunar
 * calendar; 除夕 is the day before 正月初一, so a 29-day twelfth month needs no special case.
 */
export function statutoryHolidays(year: number): Map<string, Festival> {
	let days = statutoryMemo.get(year);
	if (days) {
		return days;
	}
	days = new Map<string, Festival>();
	days.set(`${year}-01-01`, NEW_YEAR);
	const springDay = fromLunar(year, 1, 1);
	for (let i = -1; i <= 2; i++) {
		days.set(addDays(springDay, i), SPRING);
	}
	days.set(qingming(year), QINGMING);
	days.set(`${year}-05-01`, LABOUR);
	days.set(`${year}-05-02`, LABOUR);
	days.set(fromLunar(year, 5, 5), DRAGON_BOAT);
	for (const d of ['10-01', '10-02', '10-03']) {
		days.set(`${year}-${d}`, NATIONAL);
	}
	// 中秋 can fall inside National Day (2028: 3 October); the day stays named 国庆节.
	const midAutumn = fromLunar(year, 8, 15);
	if (!days.has(midAutumn)) {
		days.set(midAutumn, MID_AUTUMN);
	}
	statutoryMemo.set(year, days);
	return days;
}

/**
 * chinese-days names a plain day after its weekday ('Friday') and a festival-related day as
 * 'National Day,国庆节,3'; a weekend day marked as work is a 调休 (adjusted working day). For a
 * year not in its data it calls every weekday a working day, so there the statutory festival
 * days are computed instead and marked provisional. `official` is injectable for tests.
 */
export function chinaDay(date: string, official = hasOfficialCalendar): ChinaDay {
	const weekend = isoWeekday(date) >= 6;
	const year = Number(date.slice(0, 4));
	if (!official(year)) {
		const festival = statutoryHolidays(year).get(date) ?? null;
		return {
			date,
			kind: festival ? 'holiday' : weekend ? 'weekend' : 'workday',
			festival,
			provisional: true
		};
	}
	let detail: { work: boolean; name: string };
	try {
		detail = chineseDays.getDayDetail(date);
	} catch {
		return { date, kind: weekend ? 'weekend' : 'workday', festival: null, provisional: false };
	}
	const [en, zh] = detail.name.split(',');
	const festival = zh ? { zh, en } : null;
	if (!detail.work) {
		return { date, kind: festival ? 'holiday' : 'weekend', festival, provisional: false };
	}
	return {
		date,
		kind: weekend ? 'adjusted_workday' : 'workday',
		festival: weekend ? festival : null,
		provisional: false
	};
}

const CHINA_ZONES = new Set([
	'Asia/Shanghai',
	'Asia/Chongqing',
	'Asia/Harbin',
	'Asia/Urumqi',
	'PRC'
]);

/** Whether people in this zone follow the mainland holiday calendar. */
export function followsChinaCalendar(timeZone: string): boolean {
	return CHINA_ZONES.has(timeZone);
}
