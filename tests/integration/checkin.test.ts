import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import {
	addWalkIn,
	changeCompanions,
	checkIn,
	checkInByScan,
	checkinOverview,
	resolveScan,
	searchDoor,
	setPackHanded,
	undoCheckIn,
	walkInSchema
} from '$lib/server/checkin/service';
import { checkinUrl } from '$lib/server/checkin/code';
import { createTestDb, newUser } from '../helpers/db';
import { newAccount, newContact } from '../helpers/accounts';
import { addCompanions, addInvitee, newGathering, newStaffMember } from '../helpers/gatherings';

let db: Db;
let userId: number;
let gid: number;

async function contactAt(name: string, company: string, values: Record<string, unknown> = {}) {
	const accountId = await newAccount(db, { name: company, ...values });
	return newContact(db, accountId, name);
}

async function actions(action: string) {
	return db.selectFrom('activity').selectAll().where('action', '=', action).execute();
}

beforeEach(async () => {
	db = await createTestDb();
	userId = await newUser(db, { name: '门口小张' });
	gid = await newGathering(db);
});

describe('check-in', () => {
	it('checks a person in by the link a scanner types, recording when and by whom', async () => {
		const guest = await addInvitee(
			db,
			gid,
			{ contact_id: await contactAt('王伟', '百联') },
			{ status: 'accepted' }
		);
		const result = await checkInByScan(
			db,
			gid,
			checkinUrl('https://g.example', gid, guest.code),
			userId
		);
		expect(result.outcome).toBe('checked_in');
		expect(result.person.checked_in_at).toBeTruthy();
		expect(result.person.checked_in_by_name).toBe('门口小张');
		const [activity] = await actions('invitee.checked_in');
		expect(activity).toMatchObject({ subject_id: guest.id, gathering_id: gid, user_id: userId });
	});

	it('says "already" for a second scan instead of checking in twice', async () => {
		const guest = await addInvitee(
			db,
			gid,
			{ contact_id: await contactAt('王伟', '百联') },
			{ status: 'accepted' }
		);
		await checkInByScan(db, gid, guest.code, userId);
		const again = await checkInByScan(db, gid, guest.code, userId);
		expect(again.outcome).toBe('already');
		expect(await actions('invitee.checked_in')).toHaveLength(1);
	});

	it("refuses another gathering's badge, whether the link or only the code is scanned", async () => {
		const other = await newGathering(db, { title_zh: '另一场' });
		const guest = await addInvitee(
			db,
			other,
			{ contact_id: await contactAt('王伟', '百联') },
			{ status: 'accepted' }
		);
		for (const input of [guest.code, checkinUrl('https://g.example', other, guest.code)]) {
			await expect(checkInByScan(db, gid, input, userId)).rejects.toMatchObject({
				messageKey: 'checkin_error_other_gathering'
			});
		}
		// A link naming this gathering but carrying the other gathering's code is refused too.
		await expect(
			checkInByScan(db, gid, checkinUrl('https://g.example', gid, guest.code), userId)
		).rejects.toMatchObject({ messageKey: 'checkin_error_other_gathering' });
		const row = await db
			.selectFrom('invitee')
			.select('checked_in_at')
			.where('id', '=', guest.id)
			.executeTakeFirstOrThrow();
		expect(row.checked_in_at).toBeNull();
	});

	it('rejects unknown and malformed codes with a clear message', async () => {
		await expect(checkInByScan(db, gid, 'nosuchcode', userId)).rejects.toMatchObject({
			messageKey: 'checkin_error_unknown_code'
		});
		await expect(checkInByScan(db, gid, '王伟', userId)).rejects.toBeInstanceOf(DomainError);
	});

	it('undoes a check-in and counts move both ways', async () => {
		const guest = await addInvitee(
			db,
			gid,
			{ contact_id: await contactAt('王伟', '百联') },
			{ status: 'accepted' }
		);
		await addInvitee(
			db,
			gid,
			{ contact_id: await contactAt('李娜', '华联') },
			{ status: 'accepted' }
		);
		const exec = await addInvitee(
			db,
			gid,
			{ staff_member_id: await newStaffMember(db) },
			{ status: 'accepted', role: 'executive' }
		);
		let overview = await checkinOverview(db, gid);
		expect(overview.total).toEqual({ expected: 3, arrived: 0 });

		await checkIn(db, gid, guest.id, userId);
		await checkIn(db, gid, exec.id, userId);
		overview = await checkinOverview(db, gid);
		expect(overview.counts.find((c) => c.role === 'guest')).toEqual({
			role: 'guest',
			expected: 2,
			arrived: 1
		});
		expect(overview.counts.find((c) => c.role === 'executive')).toEqual({
			role: 'executive',
			expected: 1,
			arrived: 1
		});
		expect(overview.recent.map((p) => p.id).sort()).toEqual([guest.id, exec.id].sort());

		await undoCheckIn(db, gid, guest.id, userId);
		overview = await checkinOverview(db, gid);
		expect(overview.total.arrived).toBe(1);
		expect(await actions('invitee.check_in_undone')).toHaveLength(1);
		await expect(undoCheckIn(db, gid, guest.id, userId)).rejects.toMatchObject({
			messageKey: 'checkin_error_not_checked_in'
		});
	});

	it('counts companions: announced ones are expected, +/− moves the arrived count', async () => {
		const guest = await addInvitee(
			db,
			gid,
			{ contact_id: await contactAt('王伟', '百联') },
			{ status: 'accepted' }
		);
		await addCompanions(db, gid, guest.id, ['李娜', '赵敏']);
		await changeCompanions(db, gid, guest.id, 1, userId);
		let overview = await checkinOverview(db, gid);
		expect(overview.counts.find((c) => c.role === 'companion')).toEqual({
			role: 'companion',
			expected: 2,
			arrived: 1
		});
		await changeCompanions(db, gid, guest.id, -1, userId);
		await expect(changeCompanions(db, gid, guest.id, -1, userId)).rejects.toMatchObject({
			messageKey: 'checkin_error_companions_range'
		});
		// Scanning a companion's badge counts that companion, up to those announced.
		const link = checkinUrl('https://g.example', gid, guest.code, 2);
		expect((await checkInByScan(db, gid, link, userId)).outcome).toBe('companion');
		expect(
			(await checkInByScan(db, gid, checkinUrl('https://g.example', gid, guest.code, 1), userId))
				.outcome
		).toBe('companion');
		expect((await checkInByScan(db, gid, link, userId)).outcome).toBe('companions_full');
		overview = await checkinOverview(db, gid);
		expect(overview.counts.find((c) => c.role === 'companion')?.arrived).toBe(2);
		expect(overview.counts.find((c) => c.role === 'guest')?.arrived).toBe(0);
	});

	it('counts an unnamed companion from their badge instead of checking the host in', async () => {
		const guest = await addInvitee(
			db,
			gid,
			{ contact_id: await contactAt('王伟', '百联') },
			{ status: 'accepted' }
		);
		await addCompanions(db, gid, guest.id, ['']);
		const link = checkinUrl('https://g.example', gid, guest.code, 1);
		const result = await checkInByScan(db, gid, link, userId);
		expect(result.outcome).toBe('companion');
		expect(result.person.checked_in_at).toBeNull();
		expect(result.person.companions_arrived).toBe(1);
	});

	it('ticks the materials pack off and back', async () => {
		const guest = await addInvitee(
			db,
			gid,
			{ contact_id: await contactAt('王伟', '百联') },
			{ status: 'accepted' }
		);
		expect((await setPackHanded(db, gid, guest.id, true, userId)).pack_handed_at).toBeTruthy();
		expect((await checkinOverview(db, gid)).packs).toBe(1);
		expect((await setPackHanded(db, gid, guest.id, false, userId)).pack_handed_at).toBeNull();
		expect(await actions('invitee.pack_handed')).toHaveLength(2);
	});

	it('finds people by name, pinyin initials and company, only in this gathering', async () => {
		const wang = await addInvitee(
			db,
			gid,
			{ contact_id: await contactAt('王伟', '百联集团') },
			{ status: 'accepted' }
		);
		await addInvitee(
			db,
			gid,
			{ contact_id: await contactAt('李娜', '华润万家') },
			{ status: 'accepted' }
		);
		const other = await newGathering(db);
		await addInvitee(
			db,
			other,
			{ contact_id: await contactAt('王伟', '别家') },
			{ status: 'accepted' }
		);
		for (const q of ['王伟', 'ww', 'wangwei', '百联']) {
			const found = await searchDoor(db, gid, q);
			expect(
				found.map((p) => p.id),
				q
			).toEqual([wang.id]);
		}
		expect(await searchDoor(db, gid, '')).toEqual([]);
	});

	it('checks in someone who had not answered, recording them as attending', async () => {
		const guest = await addInvitee(
			db,
			gid,
			{ contact_id: await contactAt('王伟', '百联') },
			{ status: 'invited' }
		);
		expect((await checkinOverview(db, gid)).total.expected).toBe(0);
		const result = await checkIn(db, gid, guest.id, userId);
		expect(result.person.status).toBe('accepted');
		const row = await db
			.selectFrom('invitee')
			.select(['answer_source'])
			.where('id', '=', guest.id)
			.executeTakeFirstOrThrow();
		expect(row.answer_source).toBe('walk_in');
		expect((await checkinOverview(db, gid)).total).toEqual({ expected: 1, arrived: 1 });
	});

	it('adds a walk-in at the door: accepted, checked in, with a badge code of their own', async () => {
		const input = walkInSchema.parse({
			name: '陈晨',
			name_latin: 'Chen Chen',
			company: '新客户',
			title: '',
			role: 'guest'
		});
		const person = await addWalkIn(db, gid, input, userId);
		expect(person).toMatchObject({
			name: '陈晨',
			company: '新客户',
			status: 'accepted',
			role: 'guest'
		});
		expect(person.checked_in_at).toBeTruthy();
		expect(person.checkin_code).toMatch(/^[a-z0-9]{16}$/);
		expect((await resolveScan(db, gid, person.checkin_code)).person.id).toBe(person.id);
		expect((await checkinOverview(db, gid)).total).toEqual({ expected: 1, arrived: 1 });
		expect(await actions('invitee.walked_in')).toHaveLength(1);
		expect(walkInSchema.safeParse({ name: ' ', role: 'guest' }).success).toBe(false);
		expect(walkInSchema.safeParse({ name: 'x', role: 'boss' }).success).toBe(false);
	});

	it('lists key-account guests not yet here with their account manager', async () => {
		const manager = await newUser(db, { name: '客户经理老李' });
		const key = await contactAt('王伟', '百联', {
			tier_override: 'key',
			tier_override_reason: '战略客户',
			owner_user_id: manager
		});
		const regular = await contactAt('李娜', '小店', {
			tier_override: 'regular',
			tier_override_reason: '小客户'
		});
		const keyGuest = await addInvitee(db, gid, { contact_id: key }, { status: 'accepted' });
		await addInvitee(db, gid, { contact_id: regular }, { status: 'accepted' });
		let missing = (await checkinOverview(db, gid)).missingKey;
		expect(missing).toMatchObject([
			{ id: keyGuest.id, name: '王伟', manager_name: '客户经理老李' }
		]);
		await checkIn(db, gid, keyGuest.id, userId);
		missing = (await checkinOverview(db, gid)).missingKey;
		expect(missing).toEqual([]);
	});
});
