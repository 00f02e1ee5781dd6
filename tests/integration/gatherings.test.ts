import { describe, expect, it } from 'vitest';
import { gatheringInputSchema } from '$lib/server/gatherings/schema';
import {
	changeStatus,
	createGathering,
	duplicateGathering,
	StatusTransitionError,
	updateGathering
} from '$lib/server/gatherings/service';
import { gatheringFormValues } from '$lib/server/gatherings/form';
import { createTestDb } from '../helpers/db';
import {
	addCompanions,
	addInvitee,
	newContact,
	newGathering,
	newStaffMember
} from '../helpers/gatherings';
import type { Db } from '$lib/server/db';

const form = (values: Record<string, string> = {}) =>
	gatheringInputSchema.parse({
		title_zh: '年终答谢会',
		title_en: 'Year-end Dinner',
		venue_name: '外滩酒店',
		venue_address: '上海市黄浦区中山东一路1号',
		time_zone: 'Asia/Shanghai',
		starts_local: '2026-12-18T18:00',
		ends_local: '2026-12-18T22:00',
		rsvp_deadline_local: '2026-12-11T18:00',
		capacity: '80',
		companions_allowed: '1',
		...values
	});

const gathering = (db: Db, id: number) =>
	db.selectFrom('gathering').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('gathering form', () => {
	it('stores times entered in the gathering time zone as UTC', () => {
		const input = form();
		expect(input.starts_at).toBe('2026-12-18T10:00:00.000Z');
		expect(input.ends_at).toBe('2026-12-18T14:00:00.000Z');
		expect(input.rsvp_deadline).toBe('2026-12-11T10:00:00.000Z');
	});

	it('reads local times in a non-default zone (New York, winter time)', () => {
		const input = form({
			time_zone: 'America/New_York',
			starts_local: '2026-12-18T18:00',
			ends_local: '2026-12-18T21:00',
			rsvp_deadline_local: ''
		});
		expect(input.starts_at).toBe('2026-12-18T23:00:00.000Z');
		expect(input.rsvp_deadline).toBeNull();
	});

	it('refuses an end before the start and a deadline after the start', () => {
		const result = gatheringInputSchema.safeParse({
			title_zh: 'x',
			starts_local: '2026-12-18T18:00',
			ends_local: '2026-12-18T17:00',
			rsvp_deadline_local: '2026-12-19T10:00'
		});
		expect(result.success).toBe(false);
		const paths = result.error?.issues.map((i) => [i.path.join('.'), i.message]);
		expect(paths).toEqual(
			expect.arrayContaining([
				['ends_local', 'gatherings_error_end_before_start'],
				['rsvp_deadline_local', 'gatherings_error_deadline_after_start']
			])
		);
	});

	it('refuses a map link that is not http(s) and makes one from the address when empty', async () => {
		expect(
			gatheringInputSchema.safeParse({ ...rawBase(), map_url: 'javascript:alert(1)' }).success
		).toBe(false);
		const db = await createTestDb();
		const id = await createGathering(db, form(), null);
		expect((await gathering(db, id)).map_url).toMatch(
			/^https:\/\/uri\.amap\.com\/search\?keyword=/
		);
	});

	it('shows stored times back on the wall clock of the gathering', async () => {
		const db = await createTestDb();
		const id = await createGathering(db, form(), null);
		const values = gatheringFormValues(await gathering(db, id));
		expect(values.starts_local).toBe('2026-12-18T18:00');
		expect(values.rsvp_deadline_local).toBe('2026-12-11T18:00');
	});
});

function rawBase() {
	return { title_zh: 'x', starts_local: '2026-12-18T18:00', ends_local: '2026-12-18T20:00' };
}

describe('gathering service', () => {
	it('creates a draft with a stable calendar UID and logs it', async () => {
		const db = await createTestDb();
		const id = await createGathering(db, form(), null);
		const row = await gathering(db, id);
		expect(row.status).toBe('draft');
		expect(row.uid).toMatch(/@gala$/);
		expect(row.ics_sequence).toBe(0);
		const log = await db
			.selectFrom('activity')
			.select('action')
			.where('gathering_id', '=', id)
			.execute();
		expect(log.map((l) => l.action)).toEqual(['gathering.created']);
	});

	it('raises ics_sequence when the time or venue changes, not for other edits', async () => {
		const db = await createTestDb();
		const id = await createGathering(db, form(), null);
		const uid = (await gathering(db, id)).uid;

		const dress = await updateGathering(db, id, form({ dress_code: '商务正装' }), null);
		expect(dress.scheduleChanged).toBe(false);
		expect((await gathering(db, id)).ics_sequence).toBe(0);

		const moved = await updateGathering(
			db,
			id,
			form({ dress_code: '商务正装', starts_local: '2026-12-18T19:00' }),
			null
		);
		expect(moved.scheduleChanged).toBe(true);
		expect((await gathering(db, id)).ics_sequence).toBe(1);

		await updateGathering(
			db,
			id,
			form({ dress_code: '商务正装', starts_local: '2026-12-18T19:00', venue_name: '和平饭店' }),
			null
		);
		const row = await gathering(db, id);
		expect(row.ics_sequence).toBe(2);
		expect(row.uid).toBe(uid);
	});

	it('offers to tell accepted guests only when an open gathering moves', async () => {
		const db = await createTestDb();
		const id = await createGathering(db, form(), null);
		const contact = await newContact(db);
		await addInvitee(db, id, { contact_id: contact.id }, { status: 'accepted' });
		// Still a draft: nobody to tell.
		expect(
			(await updateGathering(db, id, form({ starts_local: '2026-12-18T19:00' }), null)).offerUpdate
		).toBe(false);
		await changeStatus(db, id, 'open', null);
		expect(
			(await updateGathering(db, id, form({ starts_local: '2026-12-18T20:00' }), null)).offerUpdate
		).toBe(true);
		expect(
			(
				await updateGathering(
					db,
					id,
					form({ starts_local: '2026-12-18T20:00', capacity: '90' }),
					null
				)
			).offerUpdate
		).toBe(false);
	});

	it('allows only draft → open → closed → done (and reopening), and logs each change', async () => {
		const db = await createTestDb();
		const id = await createGathering(db, form(), null);
		await expect(changeStatus(db, id, 'done', null)).rejects.toBeInstanceOf(StatusTransitionError);
		await changeStatus(db, id, 'open', null);
		await changeStatus(db, id, 'closed', null);
		await changeStatus(db, id, 'open', null);
		await changeStatus(db, id, 'closed', null);
		await changeStatus(db, id, 'done', null);
		await expect(changeStatus(db, id, 'open', null)).rejects.toBeInstanceOf(StatusTransitionError);
		expect((await gathering(db, id)).status).toBe('done');
		const changes = await db
			.selectFrom('activity')
			.select('details')
			.where('action', '=', 'gathering.status_changed')
			.execute();
		expect(changes).toHaveLength(5);
		expect(JSON.parse(changes[4].details)).toEqual({ from: 'closed', to: 'done' });
	});

	it('duplicates as a draft with a new UID, and copies the list without answers when asked', async () => {
		const db = await createTestDb();
		const id = await newGathering(db, { status: 'done', ics_sequence: 3 });
		const contact = await newContact(db);
		const staff = await newStaffMember(db);
		const guest = await addInvitee(
			db,
			id,
			{ contact_id: contact.id },
			{ status: 'accepted', checked_in_at: '2026-12-18T10:05:00.000Z' }
		);
		await addCompanions(db, id, guest.id, ['李娜']);
		await addInvitee(db, id, { staff_member_id: staff }, { role: 'executive', status: 'accepted' });
		await addInvitee(
			db,
			id,
			{ walk_in_name: '路人' },
			{ status: 'accepted', answer_source: 'walk_in' }
		);

		const bare = await duplicateGathering(db, id, { copyGuests: false }, null);
		const bareRow = await gathering(db, bare);
		expect(bareRow.status).toBe('draft');
		expect(bareRow.ics_sequence).toBe(0);
		expect(bareRow.uid).not.toBe((await gathering(db, id)).uid);
		expect(
			await db.selectFrom('invitee').select('id').where('gathering_id', '=', bare).execute()
		).toHaveLength(0);

		const copy = await duplicateGathering(db, id, { copyGuests: true }, null);
		const people = await db
			.selectFrom('invitee')
			.selectAll()
			.where('gathering_id', '=', copy)
			.orderBy('id')
			.execute();
		// Walk-ins were there once; they are not invited to the next one.
		expect(
			people.map((p) => [
				p.contact_id,
				p.staff_member_id,
				p.role,
				p.status,
				p.answer_source,
				p.checked_in_at
			])
		).toEqual([
			[contact.id, null, 'guest', 'not_invited', null, null],
			[null, staff, 'executive', 'not_invited', null, null]
		]);
		// Companions were part of the old answer: the copy starts without them.
		expect(
			await db
				.selectFrom('invitee_companion')
				.select('id')
				.where('gathering_id', '=', copy)
				.execute()
		).toHaveLength(0);
		expect(new Set(people.map((p) => p.checkin_code)).size).toBe(2);
	});
});
