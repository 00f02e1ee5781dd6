import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { createTestDb } from '../helpers/db';
import { addInvitee, newContact } from '../helpers/gatherings';
import { addTourGroups, programmeFixture } from '../helpers/program';
import { autoAssignTours, loadTours, moveToGroup, staggerGroups } from '$lib/server/program/tours';
import { guestProgramme } from '$lib/server/program/guest';
import { listAttendees } from '$lib/server/program/attendees';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.destroy();
});

async function twoGroups(gatheringId: number, guide: number | null = null) {
	const item = (await loadTours(db, gatheringId)).items[0];
	await addTourGroups(db, gatheringId, item.id, ['A组', 'B组'], { guide });
	return item;
}

describe('tour groups', () => {
	it('assigns accepted guests and their companions, accounts together, and warns until staggered', async () => {
		const f = await programmeFixture(db, [3, 2, 2, 1], { companionsOfFirst: ['赵太太'] });
		const item = await twoGroups(f.gatheringId, f.sales);
		let tours = await loadTours(db, f.gatheringId);
		expect(tours.clashes.length).toBeGreaterThan(0);
		await staggerGroups(db, f.gatheringId, tours.items[0].id);

		const summary = await autoAssignTours(db, f.gatheringId, item.id, null);
		// 8 guests + 1 companion + GM + VP (the sales manager guides).
		expect(summary).toEqual({ placed: 11, moved: 0, unassigned: 0 });
		tours = await loadTours(db, f.gatheringId);
		expect(tours.clashes).toEqual([]);
		expect(tours.breaches).toEqual([]);
		expect(tours.groups[1].startClock).toBe('18:40');
		const groupOf = (name: string) =>
			tours.groups.find((g) => g.members.some((p) => p.name === name))?.name;
		expect(groupOf('赵太太')).toBe(groupOf(tours.groups.flatMap((g) => g.members)[0].name));
		// Each group got an executive.
		for (const g of tours.groups) {
			expect(g.members.filter((p) => p.role === 'executive')).toHaveLength(1);
		}
		expect(tours.groups.flatMap((g) => g.members).some((p) => p.name === '王芳')).toBe(false);
	});

	it('keeps a hand-moved person pinned and places a late acceptance without reshuffling', async () => {
		const f = await programmeFixture(db, [2, 2, 1]);
		const item = await twoGroups(f.gatheringId);
		await autoAssignTours(db, f.gatheringId, item.id, null);
		const before = await loadTours(db, f.gatheringId);
		const mover = before.groups[0].members.find((p) => p.role === 'guest')!;
		await moveToGroup(db, f.gatheringId, item.id, mover.key, before.groups[1].id);

		const late = await newContact(db, { account_id: f.accounts[2].id, name: '孙晓' });
		const lateInvitee = await addInvitee(
			db,
			f.gatheringId,
			{ contact_id: late.id },
			{ status: 'accepted' }
		);
		const summary = await autoAssignTours(db, f.gatheringId, item.id, null);
		expect(summary).toMatchObject({ placed: 1, moved: 0 });

		const after = await loadTours(db, f.gatheringId);
		const where = (t: typeof after) =>
			new Map(t.groups.flatMap((g) => g.members.map((p) => [p.key, g.id] as const)));
		const was = where(before);
		const now = where(after);
		for (const [key, gid] of was) {
			expect(now.get(key)).toBe(key === mover.key ? before.groups[1].id : gid);
		}
		expect(after.groups[1].members.find((p) => p.key === mover.key)?.pinned).toBe(true);

		// The late guest joins their account's group and sees it on the RSVP page.
		const mate = f.accounts[2].invitees[0];
		expect(now.get(`i${lateInvitee.id}`)).toBe(now.get(`i${mate}`));
		const p = await guestProgramme(
			db,
			{
				gatheringId: f.gatheringId,
				timeZone: 'Asia/Shanghai',
				inviteeId: lateInvitee.id,
				accepted: true
			},
			'zh-CN'
		);
		expect(p.tours.map((t) => t.group)).toEqual([
			after.groups.find((g) => g.id === now.get(`i${lateInvitee.id}`))!.name
		]);
	});

	it('says which rule gave way when an account is bigger than any group', async () => {
		const f = await programmeFixture(db, [7]);
		const item = await twoGroups(f.gatheringId);
		await autoAssignTours(db, f.gatheringId, item.id, null);
		const tours = await loadTours(db, f.gatheringId);
		const breach = tours.breaches.find((b) => b.rule === 'account_together');
		expect(breach?.company).toBe(f.accounts[0].name);
	});

	it('reads attendees through one function: accepted guests, our people and named companions', async () => {
		const f = await programmeFixture(db, [1], { companionsOfFirst: ['赵太太'] });
		const people = await listAttendees(db, f.gatheringId);
		expect(people.map((p) => p.role).sort()).toEqual([
			'companion',
			'executive',
			'executive',
			'guest',
			'staff'
		]);
		expect(people.find((p) => p.role === 'companion')).toMatchObject({
			name: '赵太太',
			accountId: f.accounts[0].id
		});
	});
});
