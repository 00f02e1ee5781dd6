import type { Locale } from '../db/schema';

/** HTML-escapes text from the database (names, titles, notes) before it goes into an email. */
export function esc(value: string): string {
	return value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

// Building an Intl.DateTimeFormat costs far more than using one: keep them per zone and style.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tag: string, timeZone: string, style: 'day' | 'time' | 'short' | 'instant') {
	const key = `${tag}|${timeZone}|${style}`;
	let f = formatters.get(key);
	if (!f) {
		const options: Intl.DateTimeFormatOptions =
			style === 'day'
				? { dateStyle: 'full' }
				: style === 'short'
					? { dateStyle: 'short' }
					: style === 'time'
						? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
						: { dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23' };
		f = new Intl.DateTimeFormat(tag, { timeZone, ...options });
		formatters.set(key, f);
	}
	return f;
}

function sameDay(a: Date, b: Date, timeZone: string): boolean {
	const f = formatter('en-CA', timeZone, 'short');
	return f.format(a) === f.format(b);
}

/**
 * "2026年12月18日星期五 18:00–22:00（Asia/Shanghai）" or "Friday, 18 December 2026, 18:00–22:00
 * (Asia/Shanghai)": always in the gathering's own zone, so a guest abroad sees the venue's time.
 */
export function formatWhen(
	startsAt: string,
	endsAt: string,
	timeZone: string,
	locale: Locale
): string {
	const tag = locale === 'en' ? 'en-GB' : 'zh-CN';
	const start = new Date(startsAt);
	const end = new Date(endsAt);
	const day = formatter(tag, timeZone, 'day');
	const time = formatter(tag, timeZone, 'time');
	const zone = locale === 'en' ? ` (${timeZone})` : `（${timeZone}）`;
	if (sameDay(start, end, timeZone)) {
		return `${day.format(start)} ${time.format(start)}–${time.format(end)}${zone}`;
	}
	return `${day.format(start)} ${time.format(start)} – ${day.format(end)} ${time.format(end)}${zone}`;
}

/** A single instant (deadline) in the gathering's zone. */
export function formatInstant(iso: string, timeZone: string, locale: Locale): string {
	const tag = locale === 'en' ? 'en-GB' : 'zh-CN';
	return formatter(tag, timeZone, 'instant').format(new Date(iso));
}

/** A map link: the one staff entered, or a search for the address. */
export function mapLink(mapUrl: string | null, address: string, locale: Locale): string | null {
	if (mapUrl && /^https?:\/\//i.test(mapUrl)) {
		return mapUrl;
	}
	if (!address) {
		return null;
	}
	const q = encodeURIComponent(address);
	return locale === 'zh-CN'
		? `https://map.baidu.com/search/${q}`
		: `https://www.google.com/maps/search/?api=1&query=${q}`;
}
