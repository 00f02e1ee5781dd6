import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { createTestDb, newUser } from '../helpers/db';
import { programmeFixture } from '../helpers/program';
import {
	loadBanquet,
	requestGuestSpeech,
	saveMcLine,
	setDesignated,
	setLate,
	useStandardOrder
} from '$lib/server/program/banquet';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.destroy();
});

describe('banquet running order', () => {
	it('creates the standard order with its people, and warns until a guest is designated', async () => {
		const f = await programmeFixture(db, [2, 1]);
		await useStandardOrder(db, f.gatheringId, null);
		let b = await loadBanquet(db, f.gatheringId);
		expect(b.segments.map((s) => s.kind).slice(0, 5)).toEqual([
			'welcome',
			'gm_speech',
			'guest_speech',
			'mc_introductions',
			'self_introductions'
		]);
		expect(b.segments[0].person).toBe('王芳');
		expect(b.segments[1].person).toBe('张伟');
		expect(b.segments[0].start).toBe(b.banquet!.startClock);
		expect(b.warnings).toEqual(['program_banquet_warn_no_designated']);

		await setDesignated(db, f.gatheringId, f.accounts[0].invitees[0]);
		b = await loadBanquet(db, f.gatheringId);
		expect(b.warnings).toEqual([]);
		expect(b.segments[2].person).toBe(b.designated!.name);
		// Our people by seniority, with the DOMAIN.md line.
		expect(b.hosts.map((h) => h.name)).toEqual(['张伟', '李强', '王芳']);
		expect(b.hosts[0].zh).toBe('这位是我们公司的总经理张伟。');
		expect(b.hosts[0].en).toBe('This is Zhang Wei, our General Manager.');
	});

	it('moves later segments when running late, as every view reads it', async () => {
		const f = await programmeFixture(db, [1]);
		await useStandardOrder(db, f.gatheringId, null);
		const before = await loadBanquet(db, f.gatheringId);
		await setLate(db, f.gatheringId, 10);
		const after = await loadBanquet(db, f.gatheringId);
		expect(after.late).toBe(10);
		// Declared now (before the banquet, in 2026-12), every segment moves by 10 minutes.
		const plus10 = (c: string) => {
			const [h, m] = c.split(':').map(Number);
			const t = h * 60 + m + 10;
			return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
		};
		expect(after.segments.map((s) => s.start)).toEqual(before.segments.map((s) => plus10(s.start)));
		expect(after.banquet!.overrun).toBe(before.banquet!.overrun + 10);
	});

	it('keeps edited MC lines', async () => {
		const f = await programmeFixture(db, [1]);
		await saveMcLine(db, f.gatheringId, `i${f.gm}`, 'en', 'Our host tonight, Mr Zhang Wei.');
		const b = await loadBanquet(db, f.gatheringId);
		expect(b.hosts[0]).toMatchObject({ en: 'Our host tonight, Mr Zhang Wei.', edited: true });
	});

	it('sends the designated guest a request from the account manager, once', async () => {
		const f = await programmeFixture(db, [1]);
		const manager = await newUser(db, { name: '陈经理', email: 'chen@host.example' });
		await db
			.updateTable('account')
			.set({ owner_user_id: manager })
			.where('id', '=', f.accounts[0].id)
			.execute();
		const guest = f.accounts[0].invitees[0];
		await setDesignated(db, f.gatheringId, guest);
		expect(await requestGuestSpeech(db, f.gatheringId, null)).toBe(true);
		expect(await requestGuestSpeech(db, f.gatheringId, null)).toBe(false);
		const mail = await db.selectFrom('outbox_message').selectAll().execute();
		expect(mail).toHaveLength(1);
		expect(mail[0]).toMatchObject({
			kind: 'speech_request',
			from_name: '陈经理',
			reply_to: 'chen@host.example',
			invitee_id: guest,
			locale: 'zh-CN'
		});
		expect(mail[0].subject).toContain('致辞');
	});
});
