import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { createTestDb } from '../helpers/db';
import { addInvitee, newContact, newGathering, newStaffMember } from '../helpers/gatherings';
import { listInvitees as listGuestList } from '$lib/server/gatherings/repository';
import { listInvitees as listForMail } from '$lib/server/invitations/repository';
import { listDoorPeople } from '$lib/server/checkin/repository';
import { listAttendingPeople } from '$lib/server/gatherings/attending';

// "Who is this invitee" is written once (gatherings/invitee-sql.ts): the guest list, the
// invitations, the door and the attendee list must name every kind of person the same way.

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.destroy();
});

describe('who an invitee is', () => {
	it('is the same person on the guest list, in the mail list, at the door and among attendees', async () => {
		const gatheringId = await newGathering(db);
		const contact = await newContact(db, { name: '吕青', name_latin: 'Lü Qing' });
		await db
			.updateTable('account')
			.set({ name: '绿洲贸易', tier_override: 'key' })
			.where('id', '=', contact.accountId)
			.execute();
		const staff = await newStaffMember(db, { name: '刘总' });
		await db
			.updateTable('staff_member')
			.set({ name_latin: 'Liu Zong' })
			.where('id', '=', staff)
			.execute();
		await addInvitee(db, gatheringId, { contact_id: contact.id }, { status: 'accepted' });
		await addInvitee(db, gatheringId, { staff_member_id: staff }, { role: 'executive' });
		await addInvitee(
			db,
			gatheringId,
			{ walk_in_name: '门口来宾' },
			{ walk_in_name_latin: 'Door Guest', walk_in_company: '路过公司', status: 'accepted' }
		);

		const expected = new Map([
			['吕青', { name_latin: 'Lü Qing', company: '绿洲贸易', tier: 'key' }],
			['刘总', { name_latin: 'Liu Zong', company: null, tier: null }],
			['门口来宾', { name_latin: 'Door Guest', company: '路过公司', tier: null }]
		]);
		const views = {
			guestList: (await listGuestList(db, gatheringId)).map((r) => ({
				name: r.name,
				name_latin: r.name_latin,
				company: r.company,
				tier: r.tier
			})),
			mail: (await listForMail(db, gatheringId)).map((r) => ({
				name: r.name,
				name_latin: r.name_latin,
				company: r.account_name,
				tier: r.tier
			})),
			door: (await listDoorPeople(db, gatheringId)).map((r) => ({
				name: r.name,
				name_latin: r.name_latin,
				company: r.company,
				tier: expected.get(r.name)?.tier ?? null
			})),
			attending: (await listAttendingPeople(db, gatheringId)).map((p) => ({
				name: p.name,
				name_latin: p.nameLatin,
				company: p.accountName,
				tier: expected.get(p.name)?.tier ?? null
			}))
		};
		for (const [view, people] of Object.entries(views)) {
			expect(people, view).toHaveLength(3);
			for (const person of people) {
				expect({ view, ...person }).toEqual({
					view,
					name: person.name,
					...expected.get(person.name)
				});
			}
		}
	});
});
