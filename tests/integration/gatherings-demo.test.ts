import { describe, expect, it } from 'vitest';
import { loadDemoData } from '$lib/server/demo/seed';
import { statusCounts } from '$lib/server/gatherings/dashboard';
import { createTestDb } from '../helpers/db';

describe('demo gatherings', () => {
	it('come with guest lists: an open one mid-answers and a past one all answered', async () => {
		const db = await createTestDb();
		await loadDemoData(db, { ownerUserId: null });
		const gatherings = await db
			.selectFrom('gathering')
			.select(['id', 'status', 'time_zone', 'starts_at'])
			.orderBy('starts_at', 'desc')
			.execute();
		expect(gatherings.map((g) => g.status)).toEqual(['open', 'done']);
		// 18:00 in Shanghai.
		expect(gatherings[0].starts_at).toBe('2026-12-18T10:00:00.000Z');

		const open = await statusCounts(db, gatherings[0].id);
		expect(open.listed).toBeGreaterThan(10);
		expect(open.accepted).toBeGreaterThan(0);
		expect(open.declined).toBeGreaterThan(0);
		expect(open.noAnswer).toBeGreaterThan(0);
		expect(open.notInvited).toBeGreaterThan(0);
		expect(open.acceptedHeads).toBeGreaterThan(open.accepted);

		const past = await statusCounts(db, gatherings[1].id);
		expect(past.noAnswer + past.notInvited).toBe(0);

		const codes = await db.selectFrom('invitee').select('checkin_code').execute();
		expect(new Set(codes.map((c) => c.checkin_code)).size).toBe(codes.length);
		const roles = await db
			.selectFrom('invitee')
			.select('role')
			.distinct()
			.where('gathering_id', '=', gatherings[0].id)
			.execute();
		expect(roles.map((r) => r.role).sort()).toEqual(['executive', 'guest', 'staff']);
	});
});
