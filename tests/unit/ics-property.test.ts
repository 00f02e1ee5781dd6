import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { convertIcsCalendar } from 'ts-ics';
import {
	eventDescription,
	locationFor,
	personalUid,
	renderFeed,
	renderGatheringIcs,
	renderPersonalIcs,
	titleFor,
	type CalendarGathering
} from '$lib/server/calendar/ics';
import type { Locale } from '$lib/server/db/schema';
import { detailIn } from '$lib/domain/details';

// Any text in any field of a gathering must come back out of two independent iCalendar parsers
// (ical.js and ts-ics) as the same events with the same values, and no line may pass 75 octets.
// The documented normalisation (README, Calendars): line breaks (CRLF, CR) become LF, other
// control characters (U+0000–U+001F except tab and LF, U+007F), which iCalendar cannot carry,
// are dropped, and a lone surrogate becomes U+FFFD.

function normalise(text: string): string {
	return (
		text
			.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
			.replace(/\r\n?/g, '\n')
			// eslint-disable-next-line no-control-regex
			.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '')
	);
}

// Strings built from the characters that break calendars, mixed with anything at all.
const hostile = fc.constantFrom(
	'\r',
	'\n',
	'\r\n',
	'"',
	';',
	',',
	':',
	'\\',
	'\\n',
	'^',
	'^n',
	"^'",
	'=',
	' ',
	'\t',
	'\x00',
	'\x1b',
	'\x07',
	'\u202e',
	'答',
	'谢',
	'😀',
	'👨‍👩‍👧',
	'é',
	'a',
	'BEGIN:VEVENT',
	'END:VCALENDAR'
);
const text = fc.oneof(
	fc.string({ unit: hostile, maxLength: 40 }),
	fc.string({ unit: 'grapheme', maxLength: 120 }),
	fc.string({ unit: 'binary', maxLength: 80 }),
	fc.string({ unit: fc.constantFrom('年', '终', '答', '谢', '晚', '宴', '😀'), maxLength: 150 }),
	fc.string({ maxLength: 10 }).map((s) => s + '\uD800' + s)
);
const nonEmpty = text.filter((s) => normalise(s).trim() !== '');

const gathering: fc.Arbitrary<CalendarGathering> = fc.record({
	uid: fc.uuid().map((u) => `${u}@gala.test`),
	title_zh: nonEmpty,
	title_en: text,
	description_zh: text,
	description_en: text,
	venue_name: text,
	venue_address: text,
	map_url: fc.option(text, { nil: null }),
	starts_at: fc.constant('2026-12-18T17:00:00.000Z'),
	ends_at: fc.constant('2026-12-18T21:30:00.000Z'),
	ics_sequence: fc.nat({ max: 1000 }),
	status: fc.constantFrom('draft', 'open', 'closed', 'done'),
	host_name: fc.option(text, { nil: null }),
	host_email: fc.option(fc.emailAddress(), { nil: null })
});
const locale = fc.constantFrom<Locale>('zh-CN', 'en');
const rsvpUrl = fc.oneof(
	fc.webUrl({ withQueryParameters: true, withFragments: true }),
	text.map((s) => `https://gala.example.com/rsvp/${encodeURIComponent(normalise(s))}`)
);

interface Expected {
	uid: string;
	summary: string;
	description: string;
	location: string;
	url: string | null;
	organizer: { name: string; email: string } | null;
	sequence: number;
}

function expected(g: CalendarGathering, l: Locale, uid: string, url: string | null): Expected {
	return {
		uid,
		summary: normalise(titleFor(g, l)),
		description: normalise(eventDescription(g, l)),
		location: normalise(locationFor(g, l)),
		url: url === null ? null : new URL(url).href,
		organizer: g.host_email
			? { name: normalise(detailIn(g, 'host_name', l) || g.host_email), email: g.host_email }
			: null,
		sequence: g.ics_sequence
	};
}

function readWithIcalJs(ics: string): Expected[] {
	return new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => {
		const organizer = v.getFirstProperty('organizer');
		const text = (name: string) => String(v.getFirstPropertyValue(name) ?? '');
		expect(v.getFirstPropertyValue('dtstart')?.toString()).toBe('2026-12-18T17:00:00Z');
		expect(v.getFirstPropertyValue('dtend')?.toString()).toBe('2026-12-18T21:30:00Z');
		return {
			uid: text('uid'),
			summary: text('summary'),
			description: text('description'),
			location: text('location'),
			url: (v.getFirstPropertyValue('url') as string | null) ?? null,
			organizer: organizer
				? {
						name: String(organizer.getParameter('cn') ?? ''),
						email: String(organizer.getFirstValue()).replace(/^mailto:/i, '')
					}
				: null,
			sequence: Number(v.getFirstPropertyValue('sequence'))
		};
	});
}

/** RFC 6868, which ts-ics does not decode (it hands parameter values over as written). */
function decodeParameter(value: string): string {
	return value.replace(/\^(n|\^|')/g, (_, c: string) => (c === 'n' ? '\n' : c === '^' ? '^' : '"'));
}

interface TsIcsRead extends Omit<Expected, 'organizer'> {
	organizerEmail: string | undefined;
	organizerName: string | undefined;
}

function readWithTsIcs(ics: string): TsIcsRead[] {
	return (convertIcsCalendar(undefined, ics).events ?? []).map((e) => {
		expect(e.start.date.toISOString()).toBe('2026-12-18T17:00:00.000Z');
		expect(e.end?.date.toISOString()).toBe('2026-12-18T21:30:00.000Z');
		return {
			uid: e.uid,
			summary: e.summary ?? '',
			description: e.description ?? '',
			location: e.location ?? '',
			url: e.url ?? null,
			organizerEmail: e.organizer?.email,
			organizerName: e.organizer ? decodeParameter(e.organizer.name ?? '') : undefined,
			// ts-ics drops a SEQUENCE of 0 (it skips falsy values).
			sequence: e.sequence ?? 0
		};
	});
}

function checkLines(ics: string) {
	expect(ics.endsWith('\r\n')).toBe(true);
	const lines = ics.slice(0, -2).split('\r\n');
	// No bare CR or LF anywhere: every line break is a CRLF.
	expect(lines.filter((line) => /[\r\n]/.test(line))).toEqual([]);
	const tooLong = lines.filter((line) => Buffer.byteLength(line, 'utf8') > 75);
	expect(tooLong).toEqual([]);
	// Folding never cuts a character: the bytes are valid UTF-8 without replacement characters
	// the input did not have.
	expect(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(ics, 'utf8'))).toBe(ics);
}

/**
 * ical.js reads a parameter value as TEXT and so turns \\n, \\; \\, and \\\\ in it into a line
 * break, ';', ',' and '\\' (RFC 5545 gives a backslash no meaning in a parameter; ts-ics and
 * RFC-conformant readers keep it). Gala writes the RFC form; this is what ical.js makes of it.
 */
function asIcalJsReadsParameter(value: string): string {
	return value.replace(/\\\\|\\;|\\,|\\[Nn]/g, (m) => (/[Nn]/.test(m[1]) ? '\n' : m[1]));
}

/**
 * ical.js (2.2) finds the property value after a parameter by the parameter's length *after*
 * that unescaping, so when the name both shrinks (\\n …) and holds a ':', it starts the value at
 * the wrong ':'. Such organizers are compared through ts-ics only.
 */
function icalJsMisplacesValue(name: string): boolean {
	return /\\[\\;,nN]/.test(name) && name.includes(':');
}

function checkCalendar(ics: string, want: Expected[]) {
	checkLines(ics);
	const icalJs = readWithIcalJs(ics);
	const asIcalJs = want.map((w) =>
		w.organizer
			? { ...w, organizer: { ...w.organizer, name: asIcalJsReadsParameter(w.organizer.name) } }
			: w
	);
	expect(icalJs.map((e) => e.uid)).toEqual(want.map((w) => w.uid));
	expect(
		icalJs.map((e, i) => {
			const organizer = want[i].organizer;
			return organizer && icalJsMisplacesValue(organizer.name)
				? { ...e, organizer: asIcalJs[i].organizer }
				: e;
		})
	).toEqual(asIcalJs);
	const tsIcs = readWithTsIcs(ics);
	expect(tsIcs.map(({ organizerName: _, ...e }) => e)).toEqual(
		want.map(({ organizer, ...w }) => ({ ...w, organizerEmail: organizer?.email }))
	);
	// ts-ics splits parameters at every ';', even inside quotes (RFC 5545 allows it there), so a
	// host name with a ';' is compared through ical.js only.
	tsIcs.forEach((e, i) => {
		const organizer = want[i].organizer;
		if (organizer && !organizer.name.includes(';')) {
			expect(e.organizerName).toBe(organizer.name);
		}
	});
}

describe('calendar files with any text in any field', () => {
	it('the gathering .ics reads the same in ical.js and ts-ics, folded at 75 octets', () => {
		fc.assert(
			fc.property(gathering, locale, (g, l) => {
				checkCalendar(renderGatheringIcs(g, l), [expected(g, l, g.uid, null)]);
			}),
			{ numRuns: 300 }
		);
	});

	it('the guest’s personal .ics reads the same in ical.js and ts-ics', () => {
		fc.assert(
			fc.property(gathering, locale, fc.nat(), rsvpUrl, (g, l, inviteeId, url) => {
				// Twice: a cached rendering of the gathering must not leak into another guest's file.
				for (const id of [inviteeId, inviteeId + 1]) {
					const uid = personalUid(g.uid, id);
					checkCalendar(renderPersonalIcs(g, id, l, url), [expected(g, l, uid, url)]);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('the staff feed holds exactly its gatherings, whatever their texts', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(gathering, { minLength: 1, maxLength: 5, selector: (g) => g.uid }),
				locale,
				fc.constantFrom('Gala gatherings', 'Gala 活动'),
				(gatherings, l, calName) => {
					const ics = renderFeed(gatherings, l, calName);
					checkCalendar(
						ics,
						gatherings.map((g) => expected(g, l, g.uid, null))
					);
					const name = new ICAL.Component(ICAL.parse(ics)).getFirstPropertyValue('x-wr-calname');
					expect(name).toBe(calName);
					// Subscribers fetch the feed again every hour.
					expect(ics).toContain('\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n');
					expect(ics).toContain('\r\nX-PUBLISHED-TTL:PT1H\r\n');
				}
			),
			{ numRuns: 150 }
		);
	});

	it('a line break in the host’s name forges no second event (the reviewer’s case)', () => {
		const g: CalendarGathering = {
			uid: 'g-1@gala.test',
			title_zh: '答谢会',
			title_en: 'Thank-you evening',
			description_zh: '',
			description_en: '',
			venue_name: 'Hotel',
			venue_address: '',
			map_url: null,
			starts_at: '2026-12-18T17:00:00.000Z',
			ends_at: '2026-12-18T21:30:00.000Z',
			ics_sequence: 0,
			status: 'open',
			host_name: 'Li Na\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:forged\r\nSUMMARY:"Free" party',
			host_email: 'li@host.example'
		};
		const feed = renderFeed([g, { ...g, uid: 'g-2@gala.test' }], 'en', 'Gala');
		expect(readWithIcalJs(feed).map((e) => e.uid)).toEqual(['g-1@gala.test', 'g-2@gala.test']);
		expect(readWithIcalJs(feed)[0].organizer?.name).toBe(normalise(g.host_name!));
		expect(readWithTsIcs(feed).map((e) => e.uid)).toEqual(['g-1@gala.test', 'g-2@gala.test']);
	});
});
