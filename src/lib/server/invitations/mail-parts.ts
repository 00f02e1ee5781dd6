import { m } from '$lib/paraglide/messages';
import type { Locale } from '../db/schema';
import { addToCalendarLinks, type CalendarGathering } from '../calendar/ics';
import { detailIn } from '$lib/domain/details';
import { formatLocalTimeRange, formatTimeRange } from '$lib/format';
import { mapLink } from './format';
import type { Block } from './mail-layout';

export interface MailGathering extends CalendarGathering {
	id: number;
	time_zone: string;
	rsvp_deadline: string | null;
}

function buildFactBlocks(g: MailGathering, locale: Locale, guestZone: string | null): Block[] {
	const venue = detailIn(g, 'venue_name', locale);
	const address = detailIn(g, 'venue_address', locale);
	const blocks: Block[] = [
		{
			label: m.mail_when({}, { locale }),
			value: formatTimeRange(g.starts_at, g.ends_at, g.time_zone, locale)
		}
	];
	const local = formatLocalTimeRange(g.starts_at, g.ends_at, g.time_zone, guestZone, locale);
	if (local) {
		blocks.push({ label: m.mail_your_time({}, { locale }), value: local });
	}
	blocks.push({
		label: m.mail_where({}, { locale }),
		value: [venue, address].filter(Boolean).join(' · '),
		// The map searches the address as staff typed it (Chinese finds the place in China).
		href: mapLink(g.map_url, g.venue_address || g.venue_name || address || venue, locale),
		hrefLabel: m.mail_map({}, { locale })
	});
	const dress = detailIn(g, 'dress_code', locale);
	if (dress) {
		blocks.push({ label: m.mail_dress_code({}, { locale }), value: dress });
	}
	const bring = detailIn(g, 'bring_notes', locale);
	if (bring) {
		blocks.push({ label: m.mail_bring({}, { locale }), value: bring });
	}
	const host = detailIn(g, 'host_name', locale);
	if (host) {
		blocks.push({
			label: m.mail_host({}, { locale }),
			value: [host, g.host_phone, g.host_email].filter(Boolean).join(' · ')
		});
	}
	return blocks;
}

// The parts of an email that depend only on the gathering and the language (formatted dates,
// venue, links) are the same for every guest: an RSVP answer under load reuses them instead of
// formatting them anew. Keyed by the whole gathering record (not a list of the fields they are
// made of, which a new field would silently miss), so any edit shows at once
// (tests/integration/email-cache.test.ts).
const MEMO_SIZE = 200;
const blocksMemo = new Map<string, Block[]>();
const linksMemo = new Map<string, { google: string; outlook: string }>();

/** Empties the caches (tests compare a cached render with a fresh one). */
export function forgetRenderedParts(): void {
	blocksMemo.clear();
	linksMemo.clear();
}

function memo<T>(cache: Map<string, T>, key: string, make: () => T): T {
	let value = cache.get(key);
	if (value === undefined) {
		value = make();
		if (cache.size >= MEMO_SIZE) {
			cache.clear();
		}
		cache.set(key, value);
	}
	return value;
}

export function factBlocks(
	g: MailGathering,
	locale: Locale,
	guestZone: string | null = null
): Block[] {
	const key = `${locale}\u0000${guestZone ?? ''}\u0000${JSON.stringify(g)}`;
	return memo(blocksMemo, key, () => buildFactBlocks(g, locale, guestZone));
}

/** Google and Outlook "add to calendar" links (the .ics link is the guest's own). */
export function calendarLinks(g: MailGathering, locale: Locale, icsUrl: string) {
	const key = `${locale}\u0000${JSON.stringify(g)}`;
	const links = memo(linksMemo, key, () => addToCalendarLinks(g, locale, ''));
	return { ics: icsUrl, google: links.google, outlook: links.outlook };
}
