import { getLocale } from '$lib/paraglide/runtime';

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export function formatDate(iso: string | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
	if (!iso) {
		return '';
	}
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeZone }).format(
		new Date(iso)
	);
}

export function formatDateTime(
	iso: string | null | undefined,
	timeZone = DEFAULT_TIME_ZONE
): string {
	if (!iso) {
		return '';
	}
	return new Intl.DateTimeFormat(getLocale(), {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone
	}).format(new Date(iso));
}

/** A calendar date stored as YYYY-MM-DD, shown without any time-zone shift. */
export function formatPlainDate(date: string | null | undefined): string {
	if (!date) {
		return '';
	}
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
		new Date(`${date}T00:00:00Z`)
	);
}

export function formatNumber(value: number): string {
	return new Intl.NumberFormat(getLocale()).format(value);
}

export function formatMoney(minor: number, currency = 'CNY'): string {
	return new Intl.NumberFormat(getLocale(), {
		style: 'currency',
		currency,
		maximumFractionDigits: 0
	}).format(minor / 100);
}

export function formatPercent(ratio: number): string {
	return new Intl.NumberFormat(getLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(
		ratio
	);
}

// ---------------------------------------------------------------------------------------------
// Times a guest reads: explicit locale (emails render in the recipient's language, not the
// request's), the zone as words ("北京时间", "Beijing time (UTC+8)"), a range on one day written
// once. Pure, for pages and emails alike; tests/unit/format.test.ts checks both languages.

export type TextLocale = 'zh-CN' | 'en';

// Building an Intl.DateTimeFormat costs far more than using one: keep them per tag, zone, style.
const formatters = new Map<string, Intl.DateTimeFormat>();
type Style = 'date' | 'time' | 'weekday' | 'ymd' | 'zoneName' | 'offset';
const STYLES: Record<Style, Intl.DateTimeFormatOptions> = {
	date: { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' },
	time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
	weekday: { weekday: 'short' },
	ymd: { year: 'numeric', month: '2-digit', day: '2-digit' },
	zoneName: { timeZoneName: 'longGeneric' },
	offset: { timeZoneName: 'shortOffset' }
};

function fmt(locale: TextLocale, timeZone: string, style: Style): Intl.DateTimeFormat {
	const tag = locale === 'en' ? 'en-GB' : 'zh-CN';
	const key = `${tag}|${timeZone}|${style}`;
	let f = formatters.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat(style === 'ymd' || style === 'offset' ? 'en-CA' : tag, {
			timeZone,
			...STYLES[style]
		});
		formatters.set(key, f);
	}
	return f;
}

function part(f: Intl.DateTimeFormat, date: Date, type: Intl.DateTimeFormatPartTypes): string {
	return f.formatToParts(date).find((p) => p.type === type)?.value ?? '';
}

const BEIJING_ZONES = new Set(['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Harbin', 'PRC']);

/** "UTC+8", "UTC−5", "UTC+5:30", "UTC" at that instant (daylight saving included). */
export function utcOffset(timeZone: string, at: Date): string {
	const gmt = part(fmt('en', timeZone, 'offset'), at, 'timeZoneName');
	const offset = gmt.replace(/^GMT/, '');
	return offset && !/^[+-]0$/.test(offset) ? `UTC${offset.replace('-', '−')}` : 'UTC';
}

/** Minutes east of UTC at that instant, to tell whether two zones show the same clock. */
function offsetMinutes(timeZone: string, at: Date): number {
	const m = /^GMT([+-])(\d+)(?::(\d+))?$/.exec(
		part(fmt('en', timeZone, 'offset'), at, 'timeZoneName')
	);
	return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}

/**
 * A zone as a reader says it: 北京时间 / "Beijing time (UTC+8)" for mainland China; elsewhere
 * the zone's generic name and offset, "中欧时间（UTC+1）" / "Central European Time (UTC+1)".
 */
export function zoneLabel(timeZone: string, locale: TextLocale, at = new Date()): string {
	if (BEIJING_ZONES.has(timeZone)) {
		return locale === 'en' ? 'Beijing time (UTC+8)' : '北京时间';
	}
	const offset = utcOffset(timeZone, at);
	let name = part(fmt(locale, timeZone, 'zoneName'), at, 'timeZoneName');
	if (!name || /^GMT|^UTC/.test(name)) {
		name = timeZone === 'UTC' || timeZone === 'Etc/UTC' ? '' : timeZone;
	}
	if (!name) {
		return offset;
	}
	return locale === 'en' ? `${name} (${offset})` : `${name}（${offset}）`;
}

function dateText(date: Date, timeZone: string, locale: TextLocale): string {
	const f = fmt(locale, timeZone, 'date');
	if (locale === 'en') {
		// "Friday 11 December 2026" (en-GB puts a comma after the weekday; a reader does not).
		return f.format(date).replace(',', '');
	}
	// "2026年12月11日（星期五）"
	const y = part(f, date, 'year');
	const m = part(f, date, 'month');
	const d = part(f, date, 'day');
	return `${y}年${m}月${d}日（${part(f, date, 'weekday')}）`;
}

function timeText(date: Date, timeZone: string, locale: TextLocale): string {
	return fmt(locale, timeZone, 'time').format(date);
}

function withZone(text: string, timeZone: string, locale: TextLocale, at: Date): string {
	return `${text} ${zoneLabel(timeZone, locale, at)}`;
}

function sameLocalDay(a: Date, b: Date, timeZone: string): boolean {
	const f = fmt('en', timeZone, 'ymd');
	return f.format(a) === f.format(b);
}

/**
 * A start and end in one zone: "2026年12月11日（星期五）14:00–21:00 北京时间" or "Friday
 * 11 December 2026, 14:00–21:00 Beijing time (UTC+8)"; across days both dates are given.
 */
export function formatTimeRange(
	startsAt: string,
	endsAt: string,
	timeZone: string,
	locale: TextLocale
): string {
	const start = new Date(startsAt);
	const end = new Date(endsAt);
	const sep = locale === 'en' ? ', ' : '';
	const from = `${dateText(start, timeZone, locale)}${sep}${timeText(start, timeZone, locale)}`;
	const text = sameLocalDay(start, end, timeZone)
		? `${from}–${timeText(end, timeZone, locale)}`
		: `${from} – ${dateText(end, timeZone, locale)}${sep}${timeText(end, timeZone, locale)}`;
	return withZone(text, timeZone, locale, start);
}

/** One instant (a deadline): "2026年12月4日（星期五）18:00 北京时间". */
export function formatZonedInstant(iso: string, timeZone: string, locale: TextLocale): string {
	const at = new Date(iso);
	const sep = locale === 'en' ? ', ' : '';
	return withZone(
		`${dateText(at, timeZone, locale)}${sep}${timeText(at, timeZone, locale)}`,
		timeZone,
		locale,
		at
	);
}

/**
 * The same range on the guest's own clock, or null when their zone shows the same time as the
 * venue's (Asia/Chongqing beside Asia/Shanghai, or no zone known).
 */
export function formatLocalTimeRange(
	startsAt: string,
	endsAt: string,
	venueZone: string,
	guestZone: string | null | undefined,
	locale: TextLocale
): string | null {
	if (!guestZone || guestZone === venueZone) {
		return null;
	}
	const start = new Date(startsAt);
	try {
		if (offsetMinutes(guestZone, start) === offsetMinutes(venueZone, start)) {
			return null;
		}
		return formatTimeRange(startsAt, endsAt, guestZone, locale);
	} catch {
		return null;
	}
}

/** A short weekday and time in a zone, in the page's language: "周四 09:00" / "Thu 09:00". */
export function formatWeekdayTime(iso: string, timeZone: string, locale: TextLocale): string {
	const at = new Date(iso);
	return `${fmt(locale, timeZone, 'weekday').format(at)} ${timeText(at, timeZone, locale)}`;
}
