import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { createTestDb } from '../helpers/db';
import { addInvitee, newContact } from '../helpers/gatherings';
import { programmeFixture } from '../helpers/program';
import {
	addTables,
	autoSeat,
	keepApart,
	loadSeating,
	moveToSeat
} from '$lib/server/program/seating';
import { guestProgramme } from '$lib/server/program/guest';
import { listDoorPeople } from '$lib/server/checkin/repository';
import { listBadgePeople } from '$lib/server/badges/repository';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.destroy();
});

const seatMap = (s: Awaited<ReturnType<typeof loadSeating>>) =>
	new Map(s.tables.flatMap((t) => t.people.map((p) => [p.key, `${t.name}:${p.seat}`] as const)));

describe('seating', () => {
	it('seats by precedence: our general manager as host, the top account beside him, one of ours at each table', async () => {
		const f = await programmeFixture(db, [2, 3, 3, 2]);
		await addTables(db, f.gatheringId, 3, 6, 2);
		const summary = await autoSeat(db, f.gatheringId, null);
		expect(summary).toEqual({ placed: 13, moved: 0, unseated: 0 });
		const s = await loadSeating(db, f.gatheringId);
		const seats = seatMap(s);
		const head = s.tables.find((t) => t.isHead)!;
		expect(seats.get(`i${f.gm}`)).toBe(`${head.name}:1`);
		// Three of ours for three tables with guests: the vice president hosts the next table
		// instead of sitting opposite the general manager.
		const second = s.tables.find((t) => t.rank === 2)!;
		expect(seats.get(`i${f.vp}`)).toBe(`${second.name}:1`);
		// The account with the highest sales sits at the host's right and left.
		expect(seats.get(`i${f.accounts[0].invitees[0]}`)).toBe(`${head.name}:2`);
		expect(seats.get(`i${f.accounts[0].invitees[1]}`)).toBe(`${head.name}:6`);
		for (const t of s.tables) {
			expect(t.people.some((p) => p.role !== 'guest')).toBe(true);
		}
		expect(s.breaches).toEqual([]);
	});

	it('shows table and seat on the RSVP page, the check-in row and the badge', async () => {
		const f = await programmeFixture(db, [2]);
		await addTables(db, f.gatheringId, 2, 8, 2);
		await autoSeat(db, f.gatheringId, null);
		const guest = f.accounts[0].invitees[0];
		const p = await guestProgramme(
			db,
			{ gatheringId: f.gatheringId, timeZone: 'Asia/Shanghai', inviteeId: guest, accepted: true },
			'en'
		);
		expect(p.seat).toEqual({ table: '1', seat: 2 });
		const door = (await listDoorPeople(db, f.gatheringId)).find((r) => r.id === guest);
		expect(door?.table_number).toBe('1');
		const badge = (await listBadgePeople(db, f.gatheringId)).find((r) => r.id === guest);
		expect(badge?.table_number).toBe('1');
	});

	it('pins a hand move and seats a late acceptance without moving anyone else', async () => {
		const f = await programmeFixture(db, [2, 2, 2]);
		await addTables(db, f.gatheringId, 3, 6, 3);
		await autoSeat(db, f.gatheringId, null);
		const s1 = await loadSeating(db, f.gatheringId);
		const mover = `i${f.accounts[0].invitees[1]}`;
		const target = s1.tables.find(
			(t) => t.people.length < t.seats && !t.people.some((p) => p.key === mover)
		)!;
		await moveToSeat(db, f.gatheringId, mover, target.id, null);
		const s2 = await loadSeating(db, f.gatheringId);
		expect(
			s2.tables.find((t) => t.id === target.id)!.people.find((p) => p.key === mover)?.pinned
		).toBe(true);

		const late = await newContact(db, { account_id: f.accounts[2].id, name: '孙多' });
		const lateInvitee = await addInvitee(
			db,
			f.gatheringId,
			{ contact_id: late.id },
			{ status: 'accepted' }
		);
		const summary = await autoSeat(db, f.gatheringId, null);
		expect(summary).toEqual({ placed: 1, moved: 0, unseated: 0 });
		const s3 = await loadSeating(db, f.gatheringId);
		const before = seatMap(s2);
		const after = seatMap(s3);
		for (const [key, where] of before) {
			expect(after.get(key)).toBe(where);
		}
		// With the rest of the account.
		const mate = after.get(`i${f.accounts[2].invitees[0]}`)!.split(':')[0];
		expect(after.get(`i${lateInvitee.id}`)!.split(':')[0]).toBe(mate);
	});

	it('swaps seats when a person is moved onto a taken seat, and honours keep-apart pairs', async () => {
		const f = await programmeFixture(db, [1, 1]);
		await addTables(db, f.gatheringId, 2, 6, 2);
		const [a, b] = [`i${f.accounts[0].invitees[0]}`, `i${f.accounts[1].invitees[0]}`];
		await keepApart(db, f.gatheringId, a, b);
		await autoSeat(db, f.gatheringId, null);
		let seats = seatMap(await loadSeating(db, f.gatheringId));
		expect(seats.get(a)!.split(':')[0]).not.toBe(seats.get(b)!.split(':')[0]);

		const before = seats;
		const [table, seat] = before.get(`i${f.vp}`)!.split(':');
		const s = await loadSeating(db, f.gatheringId);
		await moveToSeat(
			db,
			f.gatheringId,
			b,
			s.tables.find((t) => t.name === table)!.id,
			Number(seat)
		);
		seats = seatMap(await loadSeating(db, f.gatheringId));
		expect(seats.get(b)).toBe(before.get(`i${f.vp}`));
		expect(seats.get(`i${f.vp}`)).toBe(before.get(b));
	});
});
