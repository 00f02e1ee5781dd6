import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import type { Db } from '$lib/server/db';
import { createTestDb } from '../helpers/db';
import { addInvitee, newContact } from '../helpers/gatherings';
import { addTourGroups, addTourItem, programmeFixture } from '../helpers/program';
import { findGathering } from '$lib/server/gatherings/repository';
import { addTables, autoSeat, loadSeating } from '$lib/server/program/seating';
import { autoAssignTours, loadTours } from '$lib/server/program/tours';
import { guestIcs } from '$lib/server/program/guest';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.destroy();
});

const URL = 'https://gala.test/rsvp/abc';

function description(ics: string): string {
	const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
	return event.description ?? '';
}

describe('the personal .ics', () => {
	it('states the guest’s own tour groups with their start and their table and seat, in their language', async () => {
		const f = await programmeFixture(db, [2, 1]);
		const first = (await loadTours(db, f.gatheringId)).items[0].id;
		const second = await addTourItem(db, f.gatheringId, {
			startsAt: '2026-12-18T13:00:00.000Z',
			endsAt: '2026-12-18T13:45:00.000Z',
			titleZh: '第二场参观',
			titleEn: 'Second tour'
		});
		await addTourGroups(db, f.gatheringId, first, ['A组'], { capacity: 20 });
		const [, late] = await addTourGroups(db, f.gatheringId, second, ['C组', 'D组'], {
			capacity: 20
		});
		// D starts 15 minutes into the second tour.
		await db
			.updateTable('tour_group')
			.set({ start_offset_min: 15 })
			.where('id', '=', late)
			.execute();
		await autoAssignTours(db, f.gatheringId, first, null);
		await autoAssignTours(db, f.gatheringId, second, null);
		await addTables(db, f.gatheringId, 2, 8, 2);
		await autoSeat(db, f.gatheringId, null);

		const guest = f.accounts[0].invitees[0];
		const tours2 = await loadTours(db, f.gatheringId, second);
		const group2 = tours2.groups.find((g) => g.members.some((p) => p.key === `i${guest}`))!;
		const seating = await loadSeating(db, f.gatheringId);
		const table = seating.tables.find((t) => t.people.some((p) => p.key === `i${guest}`))!;
		const seat = table.people.find((p) => p.key === `i${guest}`)!.seat;
		const g = (await findGathering(db, f.gatheringId))!;

		const en = description(await guestIcs(db, g, { inviteeId: guest, accepted: true }, 'en', URL));
		expect(en).toContain('Your place');
		expect(en).toMatch(/group A组, starting \d\d:\d\d/);
		expect(en).toContain(
			`Second tour: group ${group2.name}, starting ${group2.name === 'D组' ? '21:15' : '21:00'}`
		);
		expect(en).toContain(`Table: ${table.name}, seat ${seat}`);
		// The general agenda follows.
		expect(en).toContain('Welcome by the sales manager');

		const zh = description(
			await guestIcs(db, g, { inviteeId: guest, accepted: true }, 'zh-CN', URL)
		);
		expect(zh).toContain('您的安排');
		expect(zh).toContain(`桌位：${table.name}，${seat}号座`);
		expect(zh).toContain(`第二场参观：${group2.name}`);
		expect(zh).not.toContain('Second tour');
	});

	it('has no place lines for a guest who has not accepted or is not placed yet', async () => {
		const f = await programmeFixture(db, [1]);
		const g = (await findGathering(db, f.gatheringId))!;
		const c = await newContact(db, { name: '钱未定' });
		const invited = await addInvitee(
			db,
			f.gatheringId,
			{ contact_id: c.id },
			{ status: 'invited' }
		);
		const text = description(
			await guestIcs(db, g, { inviteeId: invited.id, accepted: false }, 'en', URL)
		);
		expect(text).not.toContain('Your place');
		expect(text).toContain('Welcome by the sales manager');
		const unplaced = description(
			await guestIcs(db, g, { inviteeId: f.accounts[0].invitees[0], accepted: true }, 'en', URL)
		);
		expect(unplaced).not.toContain('Your place');
	});
});
