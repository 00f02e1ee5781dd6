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
