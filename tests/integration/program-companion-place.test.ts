import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { createTestDb } from '../helpers/db';
import { addTourGroups, programmeFixture } from '../helpers/program';
import { addTables, autoSeat, loadSeating, moveToSeat } from '$lib/server/program/seating';
import { autoAssignTours, loadTours, moveToGroup } from '$lib/server/program/tours';
import { listBadgeCandidates } from '$lib/server/badges/service';
import { searchDoor } from '$lib/server/checkin/service';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.destroy();
});

describe('a companion’s own place', () => {
	it('shows on the companion’s badge and check-in line, not their host’s', async () => {
		const f = await programmeFixture(db, [2, 1], { companionsOfFirst: ['赵太太'] });
		const host = f.accounts[0].invitees[0];
		const companion = `i${host}c0`;
		await addTables(db, f.gatheringId, 3, 6, 2);
		await autoSeat(db, f.gatheringId, null);
		const item = (await loadTours(db, f.gatheringId)).items[0];
		await addTourGroups(db, f.gatheringId, item.id, ['A组', 'B组'], { capacity: 10 });
		await autoAssignTours(db, f.gatheringId, item.id, null);

		// Staff move the companion by hand to another table and another tour group.
		const seating = await loadSeating(db, f.gatheringId);
		const hostTable = seating.tables.find((t) => t.people.some((p) => p.key === `i${host}`))!;
		const other = seating.tables.find((t) => t.id !== hostTable.id)!;
		await moveToSeat(db, f.gatheringId, companion, other.id, null);
		const tours = await loadTours(db, f.gatheringId);
		const hostGroup = tours.groups.find((g) => g.members.some((p) => p.key === `i${host}`))!;
		const otherGroup = tours.groups.find((g) => g.id !== hostGroup.id)!;
		await moveToGroup(db, f.gatheringId, item.id, companion, otherGroup.id);

		const badges = await listBadgeCandidates(db, f.gatheringId);
		const hostBadge = badges.find((b) => b.key === String(host))!;
		const companionBadge = badges.find((b) => b.key === `${host}:c1`)!;
		expect(hostBadge.tableNumber).toBe(hostTable.name);
		expect(hostBadge.tourGroup).toBe(hostGroup.name);
		expect(companionBadge.tableNumber).toBe(other.name);
		expect(companionBadge.tourGroup).toBe(otherGroup.name);

		const door = (await searchDoor(db, f.gatheringId, '赵太太')).find((p) => p.id === host)!;
		expect(door.table_number).toBe(hostTable.name);
		const line = door.companions.find((c) => c.position === 1)!;
		expect(line.table_number).toBe(other.name);
		expect(line.tour_group).toBe(otherGroup.name);
	});

	it('leaves a companion who has no seat without a table line rather than the host’s', async () => {
		const f = await programmeFixture(db, [1], { companionsOfFirst: ['赵太太'] });
		const host = f.accounts[0].invitees[0];
		await addTables(db, f.gatheringId, 2, 6, 2);
		await autoSeat(db, f.gatheringId, null);
		await moveToSeat(db, f.gatheringId, `i${host}c0`, null, null);
		const badges = await listBadgeCandidates(db, f.gatheringId);
		expect(badges.find((b) => b.key === String(host))!.tableNumber).not.toBeNull();
		expect(badges.find((b) => b.key === `${host}:c1`)!.tableNumber).toBeNull();
	});
});
