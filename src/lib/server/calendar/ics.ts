import { detailIn, GUEST_DETAILS, type BilingualDetails } from '$lib/domain/details';
import type { Locale } from '../db/schema';
import { contentLine, textLine, uriValue, utcDateTime } from './content-line';

/** The gathering facts a calendar entry needs; plain data so the renderers stay pure. */
export interface CalendarGathering extends BilingualDetails {
	uid: string;
	title_zh: string;
	title_en: string;
	description_zh: string;
	description_en: string;
	venue_name: string;
	venue_address: string;
	map_url: string | null;
	starts_at: string;
	ends_at: string;
	ics_sequence: number;
	status: string;
	host_name: string | null;
	host_phone?: string | null;
	host_email: string | null;
	/** The agenda as text (programme); absent where a caller has no agenda to show. */
	agenda_zh?: string;
	agenda_en?: string;
}

const PRODUCT_ID = 'gala/gatherings';

export function titleFor(g: CalendarGathering, locale: Locale): string {
	return locale === 'en' ? g.title_en || g.title_zh : g.title_zh || g.title_en;
}

export function descriptionFor(g: CalendarGathering, locale: Locale): string {
	return locale === 'en'
		? g.description_en || g.description_zh
		: g.description_zh || g.description_en;
}

export function locationFor(g: CalendarGathering, locale: Locale): string {
	return [detailIn(g, 'venue_name', locale), detailIn(g, 'venue_address', locale)]
		.filter(Boolean)
		.join(', ');
}

const DETAIL_LABELS = {
	'zh-CN': { dress_code: '着装要求', bring_notes: '请携带', host_name: '联系人' },
	en: { dress_code: 'Dress code', bring_notes: 'Please bring', host_name: 'Contact' }
} as const;

/** Dress code, what to bring and the host contact, in the reader's language, one per line. */
function detailLines(g: CalendarGathering, locale: Locale): string {
	const labels = DETAIL_LABELS[locale];
	const lines: string[] = [];
	for (const field of ['dress_code', 'bring_notes'] as const) {
		const value = detailIn(g, field, locale);
		if (value) {
			lines.push(`${labels[field]}: ${value}`);
		}
	}
	const host = [detailIn(g, 'host_name', locale), g.host_phone, g.host_email].filter(Boolean);
	if (host.length > 0) {
		lines.push(`${labels.host_name}: ${host.join(' · ')}`);
	}
	return lines.join('\n');
}

export function agendaFor(g: CalendarGathering, locale: Locale): string {
	return (locale === 'en' ? g.agenda_en || g.agenda_zh : g.agenda_zh || g.agenda_en) ?? '';
}

/** The DESCRIPTION text: the description, the agenda, the guest details and the map link. */
export function eventDescription(g: CalendarGathering, locale: Locale): string {
	return [descriptionFor(g, locale), agendaFor(g, locale), detailLines(g, locale), g.map_url ?? '']
		.filter(Boolean)
		.join('\n\n');
}

/**
 * A guest's own entry has its own UID, derived from the gathering's: the invitation, the
 * confirmation and every update carry the same one, so re-importing replaces the entry.
 */
export function personalUid(gatheringUid: string, inviteeId: number): string {
	return `invitee-${inviteeId}.${gatheringUid}`;
}

interface EventOptions {
	uid: string;
	url?: string;
	stamp: string;
}

/** One VEVENT. UTC instants (…Z): unambiguous in every calendar, whatever the venue's zone. */
function vevent(g: CalendarGathering, locale: Locale, options: EventOptions): string {
	const parts = partsOf(g, locale);
	// A URI value is not TEXT: WHATWG serialisation percent-encodes spaces, quotes and controls,
	// so nothing in it can end the line. An invalid URL is a bug of the caller and throws.
	const url = options.url === undefined ? '' : contentLine('URL', new URL(options.url).href);
	return `BEGIN:VEVENT\r\n${textLine('UID', options.uid)}DTSTAMP:${options.stamp}\r\n${parts.body}${url}${parts.tail}`;
}

interface EventParts {
	/** DTSTART to LOCATION. */
	body: string;
	/** ORGANIZER to END:VEVENT. */
	tail: string;
}

// Every guest of a gathering gets the same lines but for UID, DTSTAMP and URL, so the rest is
// written (escaped and folded) once per gathering and language. Each part is whole content
// lines, so putting a guest's own lines between them is exactly what writing it all would give.
const partsCache = new Map<string, EventParts>();

function partsOf(g: CalendarGathering, locale: Locale): EventParts {
	// Keyed by everything the parts are made of, so any change to the gathering writes anew.
	const key = JSON.stringify([
		locale,
		...GUEST_DETAILS.flatMap((field) => [g[field], g[`${field}_en`]]),
		g.host_phone,
		g.agenda_zh,
		g.agenda_en,
		g.title_zh,
		g.title_en,
		g.description_zh,
		g.description_en,
		g.venue_name,
		g.venue_address,
		g.map_url,
		g.starts_at,
		g.ends_at,
		g.ics_sequence,
		g.status,
		g.host_name,
		g.host_email
	]);
	let parts = partsCache.get(key);
	if (!parts) {
		parts = writeParts(g, locale);
		if (partsCache.size >= 200) {
			partsCache.clear();
		}
		partsCache.set(key, parts);
	}
	return parts;
}

function writeParts(g: CalendarGathering, locale: Locale): EventParts {
	const description = eventDescription(g, locale);
	const location = locationFor(g, locale);
	let body =
		`DTSTART:${utcDateTime(Date.parse(g.starts_at))}\r\n` +
		`DTEND:${utcDateTime(Date.parse(g.ends_at))}\r\n` +
		`SEQUENCE:${Math.trunc(g.ics_sequence)}\r\n` +
		textLine('SUMMARY', titleFor(g, locale));
	if (description) {
		body += textLine('DESCRIPTION', description);
	}
	if (location) {
		body += textLine('LOCATION', location);
	}
	const organizer = g.host_email
		? contentLine('ORGANIZER', uriValue(`mailto:${g.host_email}`), {
				CN: detailIn(g, 'host_name', locale) || g.host_email
			})
		: '';
	return {
		body,
		tail:
			organizer +
			`STATUS:${g.status === 'draft' ? 'TENTATIVE' : 'CONFIRMED'}\r\n` +
			'TRANSP:OPAQUE\r\n' +
			'X-MICROSOFT-CDO-BUSYSTATUS:BUSY\r\n' +
			'END:VEVENT\r\n'
	};
}

function vcalendar(events: string, calName?: string): string {
	return (
		'BEGIN:VCALENDAR\r\n' +
		'VERSION:2.0\r\n' +
		textLine('PRODID', PRODUCT_ID) +
		'CALSCALE:GREGORIAN\r\n' +
		'METHOD:PUBLISH\r\n' +
		// How often a subscribed calendar should be fetched again (Outlook's name, RFC 7986's).
		'X-PUBLISHED-TTL:PT1H\r\n' +
		(calName === undefined
			? ''
			: `REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n${textLine('X-WR-CALNAME', calName)}`) +
		events +
		'END:VCALENDAR\r\n'
	);
}

const now = () => utcDateTime(Date.now());

/** The gathering's own entry, as staff download it (UID = gathering.uid). */
export function renderGatheringIcs(g: CalendarGathering, locale: Locale): string {
	return vcalendar(vevent(g, locale, { uid: g.uid, stamp: now() }));
}

/** One guest's entry, with their personal RSVP link in it. */
export function renderPersonalIcs(
	g: CalendarGathering,
	inviteeId: number,
	locale: Locale,
	rsvpUrl: string
): string {
	return vcalendar(
		vevent(g, locale, { uid: personalUid(g.uid, inviteeId), url: rsvpUrl, stamp: now() })
	);
}

/** Every gathering in one calendar, for a staff member's subscription feed. */
export function renderFeed(
	gatherings: CalendarGathering[],
	locale: Locale,
	calName: string
): string {
	const stamp = now();
	return vcalendar(
		gatherings.map((g) => vevent(g, locale, { uid: g.uid, stamp })).join(''),
		calName
	);
}

function compactUtc(iso: string): string {
	return new Date(iso)
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

/** "Add to calendar" links: the .ics download, Google Calendar and Outlook on the web. */
export function addToCalendarLinks(
	g: CalendarGathering,
	locale: Locale,
	icsUrl: string
): { ics: string; google: string; outlook: string } {
	const title = titleFor(g, locale);
	const details = descriptionFor(g, locale);
	const location = locationFor(g, locale);
	const google = new URL('https://calendar.google.com/calendar/render');
	google.searchParams.set('action', 'TEMPLATE');
	google.searchParams.set('text', title);
	google.searchParams.set('dates', `${compactUtc(g.starts_at)}/${compactUtc(g.ends_at)}`);
	google.searchParams.set('details', details);
	google.searchParams.set('location', location);
	const outlook = new URL('https://outlook.live.com/calendar/0/deeplink/compose');
	outlook.searchParams.set('path', '/calendar/action/compose');
	outlook.searchParams.set('rru', 'addevent');
	outlook.searchParams.set('subject', title);
	outlook.searchParams.set('startdt', new Date(g.starts_at).toISOString());
	outlook.searchParams.set('enddt', new Date(g.ends_at).toISOString());
	outlook.searchParams.set('body', details);
	outlook.searchParams.set('location', location);
	return { ics: icsUrl, google: google.toString(), outlook: outlook.toString() };
}
