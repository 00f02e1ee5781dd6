import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Migrator } from 'kysely';
import type { Db } from '$lib/server/db';
import { createDb } from '$lib/server/db';
import { bundledMigrations, migrateToLatest } from '$lib/server/db/migrate';
import { createTestDb } from '../helpers/db';
import { addTourGroups, addTourItem, programmeFixture } from '../helpers/program';
import {
	autoAssignTours,
	loadTours,
	moveToGroup,
	saveGroup,
	unpinMember
} from '$lib/server/program/tours';
import { guestProgramme } from '$lib/server/program/guest';
import { listBadgeCandidates } from '$lib/server/badges/service';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.destroy();
});

const SECOND = {
	startsAt: '2026-12-18T13:00:00.000Z',
	endsAt: '2026-12-18T13:45:00.000Z',
	titleZh: '第二场参观',
	titleEn: 'Second tour'
};

/** person key → group id, for the tour item the page shows. */
const where = (t: Awaited<ReturnType<typeof loadTours>>) =>
	new Map(t.groups.flatMap((g) => g.members.map((p) => [p.key, g.id] as const)));

async function twoTours() {
	const f = await programmeFixture(db, [2, 2, 1], { companionsOfFirst: ['赵太太'] });
	const first = (await loadTours(db, f.gatheringId)).items[0].id;
	const second = await addTourItem(db, f.gatheringId, SECOND);
	const morning = await addTourGroups(db, f.gatheringId, first, ['A组', 'B组']);
	const evening = await addTourGroups(db, f.gatheringId, second, ['C组', 'D组']);
	return { f, first, second, morning, evening };
}

describe('several tour items', () => {
	it('gives everyone one group per tour item, each item with its own groups and assignment', async () => {
		const { f, first, second, morning, evening } = await twoTours();
		const s1 = await autoAssignTours(db, f.gatheringId, first, null);
		const s2 = await autoAssignTours(db, f.gatheringId, second, null);
		// 5 guests, 1 companion, 3 of ours: everyone tours twice.
		expect(s1).toEqual({ placed: 9, moved: 0, unassigned: 0 });
		expect(s2).toEqual({ placed: 9, moved: 0, unassigned: 0 });

		const t1 = await loadTours(db, f.gatheringId, first);
		const t2 = await loadTours(db, f.gatheringId, second);
		expect(t1.item).toBe(first);
		expect(t2.item).toBe(second);
		expect(t1.groups.map((g) => g.id)).toEqual(morning);
		expect(t2.groups.map((g) => g.id)).toEqual(evening);
		expect([...where(t1).keys()].sort()).toEqual([...where(t2).keys()].sort());
		expect(where(t1).size).toBe(9);
		// Without ?item= the page serves the first tour item.
		expect((await loadTours(db, f.gatheringId)).item).toBe(first);
		// An unknown item falls back to the first as well.
		expect((await loadTours(db, f.gatheringId, 999_999)).item).toBe(first);

		const guest = f.accounts[0].invitees[0];
		const p = await guestProgramme(
			db,
			{ gatheringId: f.gatheringId, timeZone: 'Asia/Shanghai', inviteeId: guest, accepted: true },
			'en'
		);
		const g1 = t1.groups.find((g) => g.id === where(t1).get(`i${guest}`))!;
		const g2 = t2.groups.find((g) => g.id === where(t2).get(`i${guest}`))!;
		expect(p.tours.map((t) => t.group)).toEqual([g1.name, g2.name]);
		expect(p.tours[1]).toMatchObject({ title: 'Second tour', start: '21:00' });

		const badge = (await listBadgeCandidates(db, f.gatheringId)).find(
			(b) => b.key === String(guest)
		)!;
		expect(badge.tourGroup).toBe(`${g1.name} / ${g2.name}`);
	});

	it('moves and pins a person in one tour item without touching the other', async () => {
		const { f, first, second, morning, evening } = await twoTours();
		await autoAssignTours(db, f.gatheringId, first, null);
		await autoAssignTours(db, f.gatheringId, second, null);
		const before1 = where(await loadTours(db, f.gatheringId, first));
		const before2 = where(await loadTours(db, f.gatheringId, second));
		const mover = `i${f.accounts[1].invitees[0]}`;
		const target = evening.find((id) => id !== before2.get(mover))!;
		await moveToGroup(db, f.gatheringId, second, mover, target);

		const after1 = where(await loadTours(db, f.gatheringId, first));
		const t2 = await loadTours(db, f.gatheringId, second);
		expect(after1).toEqual(before1);
		expect(where(t2).get(mover)).toBe(target);
		expect(
			t2.groups.find((g) => g.id === target)!.members.find((p) => p.key === mover)?.pinned
		).toBe(true);

		// A re-run of the second tour keeps the pin; the first tour's run does not see it.
		await autoAssignTours(db, f.gatheringId, second, null);
		expect(where(await loadTours(db, f.gatheringId, second)).get(mover)).toBe(target);
		await unpinMember(db, f.gatheringId, second, mover);
		const unpinned = await loadTours(db, f.gatheringId, second);
		expect(unpinned.groups.flatMap((g) => g.members).find((p) => p.key === mover)?.pinned).toBe(
			false
		);

		// A group of another tour item is refused, nothing is written.
		await expect(moveToGroup(db, f.gatheringId, first, mover, evening[0])).rejects.toThrow();
		expect(where(await loadTours(db, f.gatheringId, first))).toEqual(before1);
		// Taking someone out of the second tour leaves their first-tour group.
		await moveToGroup(db, f.gatheringId, second, mover, null);
		expect(where(await loadTours(db, f.gatheringId, second)).has(mover)).toBe(false);
		expect(where(await loadTours(db, f.gatheringId, first)).get(mover)).toBe(before1.get(mover));
		expect(morning).toContain(before1.get(mover));
	});

	it('empties a group that is moved to another tour item, so nobody is in two groups of one item', async () => {
		const { f, first, second, morning } = await twoTours();
		await autoAssignTours(db, f.gatheringId, first, null);
		await autoAssignTours(db, f.gatheringId, second, null);
		const moving = (await loadTours(db, f.gatheringId, first)).groups[0];
		expect(moving.members.length).toBeGreaterThan(0);
		await saveGroup(
			db,
			f.gatheringId,
			{
				id: morning[0],
				item_id: second,
				name: moving.name,
				guide_invitee_id: 0,
				language: 'zh',
				capacity: moving.capacity,
				start_offset_min: 0,
				route: ''
			},
			null
		);
		const t2 = await loadTours(db, f.gatheringId, second);
		const keys = t2.groups.flatMap((g) => g.members.map((p) => p.key));
		expect(new Set(keys).size).toBe(keys.length);
		expect(t2.groups.find((g) => g.id === morning[0])!.members).toEqual([]);
	});
});

describe('migration 2026-11-30T0100', () => {
	it('keeps every tour membership, now under its group’s tour item', async () => {
		const raw = createDb(':memory:');
		try {
			const migrator = new Migrator({ db: raw, provider: bundledMigrations() });
			const r = await migrator.migrateTo('2026-11-29T1400_programme_greetings_fk_indexes');
			expect(r.error).toBeUndefined();
			const f = await programmeFixture(raw, [2]);
			const item = (
				await raw
					.selectFrom('program_item')
					.select('id')
					.where('kind', '=', 'tour')
					.executeTakeFirstOrThrow()
			).id;
			const group = await raw
				.insertInto('tour_group')
				.values({ gathering_id: f.gatheringId, item_id: item, name: 'A组', capacity: 9 })
				.returning('id')
				.executeTakeFirstOrThrow();
			await raw
				.insertInto('tour_member')
				.values([
					{ gathering_id: f.gatheringId, person_key: `i${f.gm}`, group_id: group.id, pinned: 1 },
					{ gathering_id: f.gatheringId, person_key: `i${f.vp}`, group_id: group.id, pinned: 0 }
				] as never)
				.execute();
			await migrateToLatest(raw, bundledMigrations());
			const rows = await raw
				.selectFrom('tour_member')
				.select(['person_key', 'item_id', 'group_id', 'pinned'])
				.orderBy('person_key')
				.execute();
			expect(rows).toEqual([
				{ person_key: `i${f.gm}`, item_id: item, group_id: group.id, pinned: 1 },
				{ person_key: `i${f.vp}`, item_id: item, group_id: group.id, pinned: 0 }
			]);
		} finally {
			await raw.destroy();
		}
	});
});
