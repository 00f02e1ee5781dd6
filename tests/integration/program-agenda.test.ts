import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import type { Db } from '$lib/server/db';
import { createTestDb } from '../helpers/db';
import { addInvitee, newContact, newGathering } from '../helpers/gatherings';
import {
	loadAgenda,
	removeItem,
	saveItem,
	useStandardProgramme,
	type ItemInput
} from '$lib/server/program/agenda';
import { guestProgramme } from '$lib/server/program/guest';
import { findGathering } from '$lib/server/gatherings/repository';
import { renderGatheringIcs, renderPersonalIcs } from '$lib/server/calendar/ics';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.destroy();
});

function item(values: Partial<ItemInput>): ItemInput {
	return {
		kind: 'other',
		starts_at: '2026-12-18T18:00',
		ends_at: '2026-12-18T18:30',
		title_zh: '茶歇',
		title_en: 'Tea break',
		place: '',
		staff_notes: '',
		guest_notes_zh: '',
		guest_notes_en: '',
		parallel: false,
		shift_later: false,
		speakers: [],
		...values
	};
}

describe('agenda', () => {
	it('builds the standard programme across the gathering hours and puts it in the .ics', async () => {
		// 18:00–22:00 Shanghai time.
		const gid = await newGathering(db);
		await useStandardProgramme(db, gid, null);
		const agenda = await loadAgenda(db, gid);
		expect(agenda.items.map((i) => i.kind)).toEqual([
			'welcome',
			'tour',
			'presentation',
			'banquet',
			'entertainment'
		]);
		expect(agenda.items[0].startClock).toBe('18:00');
		expect(agenda.items.at(-1)!.endClock).toBe('22:00');
		expect(agenda.warnings).toEqual([]);

		const g = (await findGathering(db, gid))!;
		const ics = renderGatheringIcs(g, 'en');
		const description = new ICAL.Event(
			new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!
		).description;
		expect(description).toContain('18:00–18:15 Welcome by the sales manager');
		expect(description).toContain('Banquet');
		const zh = new ICAL.Event(
			new ICAL.Component(ICAL.parse(renderGatheringIcs(g, 'zh-CN'))).getFirstSubcomponent('vevent')!
		).description;
		expect(zh).toContain('晚宴招待');
		// A guest's own calendar entry carries the same agenda.
		const personal = new ICAL.Event(
			new ICAL.Component(
				ICAL.parse(renderPersonalIcs(g, 7, 'en', 'https://gala.test/rsvp/abc'))
			).getFirstSubcomponent('vevent')!
		).description;
		expect(personal).toContain('Welcome by the sales manager');
	});

	it('warns about a declined speaker and an item outside the hours, and saves anyway', async () => {
		const gid = await newGathering(db);
		const contact = await newContact(db, { name: '李娜' });
		const declined = await addInvitee(db, gid, { contact_id: contact.id }, { status: 'declined' });
		await saveItem(
			db,
			gid,
			item({ starts_at: '2026-12-18T23:00', ends_at: '2026-12-18T23:30', speakers: [declined.id] }),
			null
		);
		const agenda = await loadAgenda(db, gid);
		expect(agenda.items).toHaveLength(1);
		expect(agenda.warnings.map((w) => w.kind).sort()).toEqual([
			'outside_hours',
			'speaker_declined'
		]);
	});

	it('shifts every later item by the minutes an item was lengthened', async () => {
		const gid = await newGathering(db);
		await useStandardProgramme(db, gid, null);
		const before = await loadAgenda(db, gid);
		const welcome = before.items[0];
		await saveItem(
			db,
			gid,
			item({
				id: welcome.id,
				kind: 'welcome',
				title_zh: welcome.title_zh,
				title_en: welcome.title_en,
				starts_at: welcome.startLocal,
				ends_at: '2026-12-18T18:25',
				shift_later: true
			}),
			null
		);
		const after = await loadAgenda(db, gid);
		expect(after.items.map((i) => i.startClock)).toEqual(
			before.items.map((i, n) => (n === 0 ? i.startClock : addTen(i.startClock)))
		);
		expect(after.warnings.map((w) => w.kind)).toEqual(['outside_hours']);
	});

	it('refuses an end before the start and writes nothing', async () => {
		const gid = await newGathering(db);
		await expect(
			saveItem(db, gid, item({ starts_at: '2026-12-18T19:00', ends_at: '2026-12-18T18:00' }), null)
		).rejects.toMatchObject({ messageKey: 'program_error_end_before_start' });
		expect((await loadAgenda(db, gid)).items).toEqual([]);
	});

	it('shows the guest the agenda in their language, without staff notes', async () => {
		const gid = await newGathering(db);
		await saveItem(
			db,
			gid,
			item({ staff_notes: 'VIP only', guest_notes_en: 'Tea and cake' }),
			null
		);
		const g = (await findGathering(db, gid))!;
		const p = await guestProgramme(
			db,
			{ gatheringId: gid, timeZone: g.time_zone, inviteeId: 1, accepted: false },
			'en'
		);
		expect(p.agenda).toEqual([
			{ start: '18:00', end: '18:30', title: 'Tea break', place: '', notes: 'Tea and cake' }
		]);
		expect(JSON.stringify(p)).not.toContain('VIP only');
		const id = (await loadAgenda(db, gid)).items[0].id;
		await removeItem(db, gid, id, null);
		expect((await findGathering(db, gid))!.agenda_en).toBe('');
	});
});

function addTen(clock: string): string {
	const [h, m] = clock.split(':').map(Number);
	const t = h * 60 + m + 10;
	return `${String(Math.floor(t / 60) % 24).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
}
