import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { loadDemoData, nameKeys } from '$lib/server/demo/seed';
import { channels } from '$lib/server/accounts/schema';
import { createTestDb, newUser } from '../helpers/db';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.destroy();
});

describe('demo data', () => {
	it('creates a realistic directory with a key account in every channel', async () => {
		const owner = await newUser(db);
		const summary = await loadDemoData(db, { ownerUserId: owner });
		const accounts = await db.selectFrom('account').selectAll().execute();
		const contacts = await db.selectFrom('contact').selectAll().execute();
		expect(accounts.length).toBeGreaterThanOrEqual(12);
		expect(contacts.length).toBeGreaterThanOrEqual(60);
		expect(summary).toMatchObject({ accounts: accounts.length, contacts: contacts.length });
		for (const channel of channels) {
			const inChannel = accounts.filter((a) => a.channel === channel);
			expect(
				inChannel.some((a) => a.auto_tier === 'key'),
				channel
			).toBe(true);
			expect(
				inChannel.some((a) => a.auto_tier === 'regular'),
				channel
			).toBe(true);
		}
		expect(accounts.every((a) => a.owner_user_id === owner)).toBe(true);
		expect(accounts.some((a) => a.tier_override === 'potential' && a.tier_override_reason)).toBe(
			true
		);
		expect(new Set(contacts.map((c) => c.email)).size).toBe(contacts.length);
		expect(contacts.filter((c) => c.locale === 'en').length).toBeGreaterThan(3);
		expect(contacts.some((c) => c.time_zone === 'Europe/Berlin')).toBe(true);
		expect(contacts.find((c) => c.name === '欧阳娜娜')).toMatchObject({
			name_pinyin: 'ouyangnana',
			name_initials: 'oynn',
			salutation: '欧阳经理'
		});
	});

	it('sets up our people with one general manager', async () => {
		await loadDemoData(db, { ownerUserId: null });
		const staff = await db.selectFrom('staff_member').selectAll().execute();
		expect(staff.filter((s) => s.is_general_manager === 1).map((s) => s.title)).toEqual(['总经理']);
		expect(staff.filter((s) => s.kind === 'executive').length).toBe(3);
		expect(staff.some((s) => s.title === '销售经理')).toBe(true);
	});

	it('refuses to load twice and leaves the data as it was', async () => {
		await loadDemoData(db, { ownerUserId: null });
		const before = await db.selectFrom('contact').select('id').execute();
		await expect(loadDemoData(db, { ownerUserId: null })).rejects.toMatchObject({
			messageKey: 'accounts_error_demo_exists'
		});
		expect(await db.selectFrom('contact').select('id').execute()).toEqual(before);
	});

	it('derives pinyin keys for Chinese and Latin names', () => {
		expect(nameKeys('王伟')).toEqual({ name_pinyin: 'wangwei', name_initials: 'ww' });
		expect(nameKeys('Klaus Becker')).toEqual({ name_pinyin: 'klausbecker', name_initials: 'kb' });
	});
});
