// Default import: the package's "main" is CommonJS without "exports", so Node's ESM loader (the
// built server) cannot see its named exports, while Vite (dev and tests) would.
import chineseDays from 'chinese-days';

/** What the Chinese State Council calendar says about a date. Pure (bundled data). */
export type ChinaDayKind = 'holiday' | 'adjusted_workday' | 'workday' | 'weekend';

export interface ChinaDay {
	date: string;
	kind: ChinaDayKind;
	/** The festival, e.g. { zh: '国庆节', en: 'National Day' }, for holidays and adjusted days. */
	festival: { zh: string; en: string } | null;
}

function isoWeekday(date: string): number {
	const day = new Date(`${date}T00:00:00Z`).getUTCDay();
	return day === 0 ? 7 : day;
}

/**
 * chinese-days names a plain day after its weekday ('Friday') and a festival-related day as
 * 'National Day,国庆节,3'; a weekend day marked as work is a 调休 (adjusted working day).
 */
export function chinaDay(date: string): ChinaDay {
	const weekend = isoWeekday(date) >= 6;
	let detail: { work: boolean; name: string };
	try {
		detail = chineseDays.getDayDetail(date);
	} catch {
		return { date, kind: weekend ? 'weekend' : 'workday', festival: null };
	}
	const [en, zh] = detail.name.split(',');
	const festival = zh ? { zh, en } : null;
	if (!detail.work) {
		return { date, kind: festival ? 'holiday' : 'weekend', festival };
	}
	return {
		date,
		kind: weekend ? 'adjusted_workday' : 'workday',
		festival: weekend ? festival : null
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
