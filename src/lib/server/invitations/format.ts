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

function sameDay(a: Date, b: Date, timeZone: string): boolean {
	const f = new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' });
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
	const day = new Intl.DateTimeFormat(tag, { timeZone, dateStyle: 'full' });
	const time = new Intl.DateTimeFormat(tag, {
		timeZone,
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	});
	const zone = locale === 'en' ? ` (${timeZone})` : `（${timeZone}）`;
	if (sameDay(start, end, timeZone)) {
		return `${day.format(start)} ${time.format(start)}–${time.format(end)}${zone}`;
	}
	return `${day.format(start)} ${time.format(start)} – ${day.format(end)} ${time.format(end)}${zone}`;
}

/** A single instant (deadline) in the gathering's zone. */
export function formatInstant(iso: string, timeZone: string, locale: Locale): string {
	const tag = locale === 'en' ? 'en-GB' : 'zh-CN';
	return new Intl.DateTimeFormat(tag, {
		timeZone,
		dateStyle: 'long',
		timeStyle: 'short',
		hourCycle: 'h23'
	}).format(new Date(iso));
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
