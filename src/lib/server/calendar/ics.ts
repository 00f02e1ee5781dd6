import * as icsPackage from 'ics';
import { createEvents, type EventAttributes } from 'ics';
import type { Locale } from '../db/schema';

/** The gathering facts a calendar entry needs; plain data so the renderers stay pure. */
export interface CalendarGathering {
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

export function agendaFor(g: CalendarGathering, locale: Locale): string {
	return (locale === 'en' ? g.agenda_en || g.agenda_zh : g.agenda_zh || g.agenda_en) ?? '';
}

export function locationFor(g: CalendarGathering): string {
	return [g.venue_name, g.venue_address].filter(Boolean).join(', ');
}

/**
 * A guest's own entry has its own UID, derived from the gathering's: the invitation, the
 * confirmation and every update carry the same one, so re-importing replaces the entry.
 */
export function personalUid(gatheringUid: string, inviteeId: number): string {
	return `invitee-${inviteeId}.${gatheringUid}`;
}

function event(
	g: CalendarGathering,
	locale: Locale,
	options: { uid: string; url?: string; extra?: string }
): EventAttributes {
	const description = [
		descriptionFor(g, locale),
		agendaFor(g, locale),
		g.map_url ?? '',
		options.extra ?? ''
	]
		.filter(Boolean)
		.join('\n\n');
	// UTC instants (…Z): unambiguous in every calendar, whatever the venue's zone.
	return {
		uid: options.uid,
		sequence: g.ics_sequence,
		start: Date.parse(g.starts_at),
		startInputType: 'utc',
		startOutputType: 'utc',
		end: Date.parse(g.ends_at),
		endInputType: 'utc',
		endOutputType: 'utc',
		title: titleFor(g, locale),
		description: description || undefined,
		location: locationFor(g) || undefined,
		url: options.url,
		status: g.status === 'draft' ? 'TENTATIVE' : 'CONFIRMED',
		busyStatus: 'BUSY',
		productId: PRODUCT_ID,
		...(g.host_email
			? { organizer: { name: g.host_name ?? g.host_email, email: g.host_email } }
			: {})
	};
}

function render(events: EventAttributes[], calName?: string): string {
	const { error, value } = createEvents(events, {
		productId: PRODUCT_ID,
		method: 'PUBLISH',
		calName
	});
	if (error || value === null) {
		throw error ?? new Error('ics: empty calendar');
	}
	return value;
}

/** The gathering's own entry, as staff download it (UID = gathering.uid). */
export function renderGatheringIcs(g: CalendarGathering, locale: Locale): string {
	return render([event(g, locale, { uid: g.uid })]);
}

/** One guest's entry, with their personal RSVP link in it. */
export function renderPersonalIcs(
	g: CalendarGathering,
	inviteeId: number,
	locale: Locale,
	rsvpUrl: string
): string {
	const uid = personalUid(g.uid, inviteeId);
	// The cached template serves plain ASCII UIDs and URLs the ics package accepts; anything else
	// (it would fold by code point, or refuse) goes the long way and gets its exact answer.
	if (!PLAIN.test(uid) || !PLAIN.test(rsvpUrl) || !isValidURL(rsvpUrl)) {
		return render([event(g, locale, { uid, url: rsvpUrl })]);
	}
	const t = personalTemplate(g, locale);
	return `${t.head}${foldAscii(`UID:${uid}`)}${t.afterUid}DTSTAMP:${icsTimestamp(Date.now())}\r\n${t.afterStamp}${foldAscii(`URL:${rsvpUrl}`)}${t.tail}`;
}

// Rendering a guest's .ics with the ics package validates the whole event (yup) every time,
// which was a tenth of an RSVP answer's CPU. Only the UID, URL and DTSTAMP lines differ between
// the guests of one gathering, so the package renders (and validates) each gathering once per
// language with stand-ins, and each guest's lines are put in the way the package writes them.
const UID_STAND_IN = 'gala-personal-uid-stand-in';
const URL_STAND_IN = 'https://gala.invalid/personal-url-stand-in';
const PLAIN = /^[\x21-\x7e]*$/;
// The package's own URL check (exported by it, missing from its types); without it, every
// guest's entry goes the long way.
const packageUrlCheck = (icsPackage as unknown as { isValidURL?: (url: string) => boolean })
	.isValidURL;
const isValidURL = (url: string) => packageUrlCheck?.(url) ?? false;

interface PersonalTemplate {
	head: string;
	afterUid: string;
	afterStamp: string;
	tail: string;
}

const templates = new Map<string, PersonalTemplate>();

function personalTemplate(g: CalendarGathering, locale: Locale): PersonalTemplate {
	const attributes = event(g, locale, { uid: UID_STAND_IN, url: URL_STAND_IN });
	// Keyed by everything the entry is made of, so any change to the gathering renders anew.
	const key = JSON.stringify(attributes);
	let t = templates.get(key);
	if (!t) {
		const ics = render([attributes]);
		const uidLine = `UID:${UID_STAND_IN}\r\n`;
		const urlLine = `URL:${URL_STAND_IN}\r\n`;
		const uidAt = ics.indexOf(uidLine);
		const stamp = /DTSTAMP:\d{8}T\d{6}Z\r\n/.exec(ics.slice(uidAt));
		const urlAt = ics.indexOf(urlLine);
		if (uidAt < 0 || !stamp || urlAt < 0) {
			throw new Error('ics: unexpected layout of a personal entry');
		}
		const stampAt = uidAt + stamp.index;
		t = {
			head: ics.slice(0, uidAt),
			afterUid: ics.slice(uidAt + uidLine.length - 2, stampAt),
			afterStamp: ics.slice(stampAt + stamp[0].length, urlAt),
			tail: ics.slice(urlAt + urlLine.length - 2)
		};
		if (templates.size >= 200) {
			templates.clear();
		}
		templates.set(key, t);
	}
	return t;
}

/** The ics package's line folding (75 characters, then 74 after a CRLF + tab) for ASCII text. */
function foldAscii(line: string): string {
	if (line.length <= 75) {
		return line;
	}
	const parts = [line.slice(0, 75)];
	for (let at = 75; at < line.length; at += 74) {
		parts.push(line.slice(at, at + 74));
	}
	return parts.join('\r\n\t');
}

/** DTSTAMP as the ics package writes it: UTC, seconds, no separators. */
function icsTimestamp(ms: number): string {
	return new Date(ms)
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

/** Every gathering in one calendar, for a staff member's subscription feed. */
export function renderFeed(
	gatherings: CalendarGathering[],
	locale: Locale,
	calName: string
): string {
	if (gatherings.length === 0) {
		// ics refuses an empty list; an empty VCALENDAR is still a valid subscription.
		return [
			'BEGIN:VCALENDAR',
			'VERSION:2.0',
			`PRODID:${PRODUCT_ID}`,
			'METHOD:PUBLISH',
			`X-WR-CALNAME:${calName}`,
			'END:VCALENDAR',
			''
		].join('\r\n');
	}
	return render(
		gatherings.map((g) => event(g, locale, { uid: g.uid })),
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
	const location = locationFor(g);
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
