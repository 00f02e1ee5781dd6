import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { createEvents } from 'ics';
import type { Db } from '$lib/server/db';
import { createTestDb, newUser } from '../helpers/db';
import { newGathering } from '../helpers/gatherings';
import {
	addToCalendarLinks,
	personalUid,
	renderGatheringIcs,
	renderPersonalIcs,
	type CalendarGathering
} from '$lib/server/calendar/ics';
import { createFeedToken, feedFor } from '$lib/server/calendar/feed';

const g: CalendarGathering = {
	uid: 'g-1@gala.test',
	title_zh: '答谢会',
	title_en: 'Thank-you evening',
	description_zh: '晚宴',
	description_en: 'Dinner',
	venue_name: 'Hotel Adlon',
	venue_address: 'Unter den Linden 77, Berlin',
	map_url: null,
	starts_at: '2026-12-18T17:00:00.000Z',
	ends_at: '2026-12-18T21:30:00.000Z',
	ics_sequence: 0,
	status: 'open',
	host_name: null,
	host_email: null
};

function events(ics: string) {
	return new ICAL.Component(ICAL.parse(ics))
		.getAllSubcomponents('vevent')
		.map((v) => new ICAL.Event(v));
}

describe('gathering .ics', () => {
	it('has the right start, end, UID and SEQUENCE when read by ical.js', () => {
		const [event] = events(renderGatheringIcs(g, 'en'));
		expect(event.uid).toBe('g-1@gala.test');
		expect(event.sequence).toBe(0);
		expect(event.summary).toBe('Thank-you evening');
		expect(event.location).toBe('Hotel Adlon, Unter den Linden 77, Berlin');
		expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-18T17:00:00.000Z');
		expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-18T21:30:00.000Z');
	});

	it('a time change raises SEQUENCE and keeps the UID, so re-importing updates the entry', () => {
		const before = events(renderPersonalIcs(g, 5, 'zh-CN', 'http://x/rsvp/t'))[0];
		const moved = { ...g, starts_at: '2026-12-18T18:00:00.000Z', ics_sequence: 1 };
		const after = events(renderPersonalIcs(moved, 5, 'zh-CN', 'http://x/rsvp/t'))[0];
		expect(after.uid).toBe(before.uid);
		expect(after.uid).toBe(personalUid(g.uid, 5));
		expect(after.sequence).toBe(1);
		expect(after.summary).toBe('答谢会');
		expect(after.startDate.toJSDate().toISOString()).toBe('2026-12-18T18:00:00.000Z');
	});

	it('writes each guest the same bytes the ics package writes (only DTSTAMP may differ)', () => {
		// Long, multi-line, non-ASCII texts fold across lines: the reused per-gathering part and
		// each guest's own UID/URL lines must fold exactly as the package folds them.
		const long = {
			...g,
			title_zh: '年终答谢晚宴'.repeat(12),
			description_zh: '第一行；逗号，\n第二行: a;b,c'.repeat(8),
			map_url: 'https://map.example/place?q=1',
			ics_sequence: 2,
			host_name: 'Li Na',
			host_email: 'li@host.example'
		};
		const stamp = (ics: string) => ics.replace(/DTSTAMP:\d{8}T\d{6}Z/, 'DTSTAMP:-');
		const guests = [
			[5, 'http://x/rsvp/t'],
			[70001, `https://gala.example.com/rsvp/${'a'.repeat(60)}`],
			[8, `https://gala.example.com/rsvp/${'b'.repeat(200)}`],
			[9, 'https://gala.example.com/rsvp/ü'] // not plain ASCII: rendered the long way
		] as const;
		for (const [inviteeId, url] of guests) {
			const expected = createEvents(
				[
					{
						uid: personalUid(long.uid, inviteeId),
						sequence: 2,
						start: Date.parse(long.starts_at),
						startInputType: 'utc',
						startOutputType: 'utc',
						end: Date.parse(long.ends_at),
						endInputType: 'utc',
						endOutputType: 'utc',
						title: long.title_zh,
						// The host contact is part of the description, in the reader's language.
						description: `${long.description_zh}\n\n联系人: Li Na · li@host.example\n\n${long.map_url}`,
						location: 'Hotel Adlon, Unter den Linden 77, Berlin',
						url,
						status: 'CONFIRMED',
						busyStatus: 'BUSY',
						productId: 'gala/gatherings',
						organizer: { name: 'Li Na', email: 'li@host.example' }
					}
				],
				{ productId: 'gala/gatherings', method: 'PUBLISH' }
			).value!;
			const rendered = renderPersonalIcs(long, inviteeId, 'zh-CN', url);
			expect(stamp(rendered)).toBe(stamp(expected));
			expect(events(rendered)[0].uid).toBe(personalUid(long.uid, inviteeId));
		}
		expect(() => renderPersonalIcs(long, 10, 'zh-CN', 'not a url')).toThrow();
	});

	it('gives Google and Outlook links with the UTC times', () => {
		const links = addToCalendarLinks(g, 'en', 'http://x/rsvp/t/calendar.ics');
		expect(new URL(links.google).searchParams.get('dates')).toBe(
			'20261218T170000Z/20261218T213000Z'
		);
		expect(new URL(links.outlook).searchParams.get('startdt')).toBe('2026-12-18T17:00:00.000Z');
		expect(links.ics).toBe('http://x/rsvp/t/calendar.ics');
	});
});

describe('staff feed', () => {
	let db: Db;
	beforeEach(async () => {
		db = await createTestDb();
	});
	afterEach(async () => {
		await db.destroy();
	});

	it('lists every gathering for a valid token; a new link ends the old one', async () => {
		const user = await newUser(db);
		await newGathering(db, { title_zh: '甲' });
		await newGathering(db, {
			title_zh: '乙',
			starts_at: '2026-12-20T10:00:00.000Z',
			ends_at: '2026-12-20T12:00:00.000Z'
		});
		const first = await createFeedToken(db, user);
		expect(events(await feedFor(db, first)).map((e) => e.summary)).toEqual(['甲', '乙']);
		const second = await createFeedToken(db, user);
		await expect(feedFor(db, first)).rejects.toThrow('error_not_found');
		expect(events(await feedFor(db, second))).toHaveLength(2);
	});
});
