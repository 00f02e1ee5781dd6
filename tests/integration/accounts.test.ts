import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import {
	accountInputSchema,
	createAccount,
	deleteAccount,
	markReviewed,
	recomputeAutoTiers,
	setTierOverride,
	updateAccount
} from '$lib/server/accounts/service';
import { findAccountById, findAccountByName, listTags } from '$lib/server/accounts/repository';
import { parseBasis } from '$lib/server/accounts/tiers';
import { createTestDb, newUser } from '../helpers/db';
import { newAccount, newContact } from '../helpers/accounts';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.destroy();
});

function issues(values: Record<string, unknown>): Record<string, string> {
	const result = accountInputSchema.safeParse({ name: '甲', channel: 'distributor', ...values });
	if (result.success) {
		return {};
	}
	return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

async function tierOf(id: number) {
	const account = await findAccountById(db, id);
	return account!.tier_override ?? account!.auto_tier;
}

async function activity(accountId: number) {
	return db
		.selectFrom('activity')
		.selectAll()
		.where('account_id', '=', accountId)
		.orderBy('id')
		.execute();
}

describe('account input', () => {
	it('turns yuan with up to two decimals into minor units', () => {
		const data = accountInputSchema.parse({
			name: ' 华联商贸 ',
			channel: 'wholesaler_1',
			annual_sales: '1,250,000.5',
			annual_profit: '-300.25',
			tags: '华东, 老客户，华东、 重点 ',
			owner_user_id: '',
			last_reviewed_on: ''
		});
		expect(data).toMatchObject({
			name: '华联商贸',
			annual_sales: 125_000_050,
			annual_profit: -30_025,
			tags: ['华东', '老客户', '重点'],
			owner_user_id: null,
			last_reviewed_on: null,
			currency: 'CNY',
			name_en: null,
			tier_override: null
		});
	});

	it('accepts the Chinese channel names a spreadsheet uses', () => {
		expect(accountInputSchema.parse({ name: 'x', channel: '二批商' }).channel).toBe('wholesaler_2');
		expect(accountInputSchema.parse({ name: 'x', channel: 'KA卖场' }).channel).toBe('ka_retailer');
	});

	it('rejects empty, too long, bad numbers, bad dates and unknown choices with message keys', () => {
		expect(issues({ name: '   ' })).toEqual({ name: 'error_required' });
		expect(issues({ name: '名'.repeat(201) })).toEqual({ name: 'error_too_long' });
		expect(issues({ annual_sales: 'abc' })).toEqual({ annual_sales: 'error_number' });
		expect(issues({ annual_sales: '12.345' })).toEqual({
			annual_sales: 'accounts_error_money_decimals'
		});
		expect(issues({ annual_sales: '-1' })).toEqual({
			annual_sales: 'accounts_error_money_negative'
		});
		expect(issues({ annual_profit: '1e9' })).toEqual({ annual_profit: 'error_number' });
		expect(issues({ annual_sales: '100000000000' })).toEqual({
			annual_sales: 'accounts_error_money_range'
		});
		expect(issues({ last_reviewed_on: '2026-02-30' })).toEqual({ last_reviewed_on: 'error_date' });
		expect(issues({ last_reviewed_on: '20.5.2026' })).toEqual({ last_reviewed_on: 'error_date' });
		expect(issues({ channel: 'shop' })).toEqual({ channel: 'error_choice' });
		expect(issues({ tier_override: 'vip' })).toEqual({ tier_override: 'error_choice' });
		expect(issues({ currency: 'yuan' })).toEqual({ currency: 'accounts_error_currency' });
		expect(issues({ owner_user_id: 'abc' })).toEqual({ owner_user_id: 'error_choice' });
		expect(issues({ tags: 'x'.repeat(41) })).toEqual({ tags: 'accounts_error_tag_too_long' });
		expect(issues({ notes: 'n'.repeat(5001) })).toEqual({ notes: 'error_too_long' });
	});
});

describe('account service', () => {
	it('creates an account with tags, records who did it and computes its tier', async () => {
		const userId = await newUser(db);
		const id = await newAccount(
			db,
			{ name: '华联商贸', annual_sales: '1000000', annual_profit: '50000', tags: 'A, B' },
			userId
		);
		const account = await findAccountById(db, id);
		expect(account).toMatchObject({
			name: '华联商贸',
			annual_sales_minor: 100_000_000,
			auto_tier: 'key'
		});
		expect(parseBasis(account!.auto_tier_basis)?.sales).toMatchObject({ rank: 1, share: 1 });
		expect(await listTags(db, id)).toEqual(['A', 'B']);
		const rows = await activity(id);
		expect(rows.map((r) => [r.action, r.user_id])).toEqual([['account.created', userId]]);
		expect(await findAccountByName(db, ' 华联商贸 ')).toMatchObject({ id });
	});

	it('finds an account by its English name regardless of case', async () => {
		const id = await newAccount(db, { name: '华联', name_en: 'Hualian Trading' });
		expect((await findAccountByName(db, 'hualian trading'))?.id).toBe(id);
		expect(await findAccountByName(db, 'nobody')).toBeUndefined();
	});

	it('stores script tags as plain text', async () => {
		const name = '<script>alert("x")</script>';
		const id = await newAccount(db, { name, notes: '<img src=x onerror=alert(1)>' });
		const account = await findAccountById(db, id);
		expect(account?.name).toBe(name);
		expect(account?.notes).toBe('<img src=x onerror=alert(1)>');
	});

	it('recomputes the channel when figures change, and both channels when an account moves', async () => {
		const big = await newAccount(db, { channel: 'distributor', annual_sales: '900' });
		const small = await newAccount(db, { channel: 'distributor', annual_sales: '100' });
		expect([await tierOf(big), await tierOf(small)]).toEqual(['key', 'regular']);

		await updateAccount(db, small, { annual_sales: 500_00 }, null);
		// 900 vs 500: the second starts at 64 % → key.
		expect([await tierOf(big), await tierOf(small)]).toEqual(['key', 'key']);

		await updateAccount(db, big, { channel: 'ka_retailer' }, null);
		expect([await tierOf(big), await tierOf(small)]).toEqual(['key', 'key']);
		const basis = parseBasis((await findAccountById(db, small))!.auto_tier_basis);
		expect(basis?.count).toBe(1);
	});

	it('recomputes the channel when an account is deleted', async () => {
		const a = await newAccount(db, { annual_sales: '850' });
		const b = await newAccount(db, { annual_sales: '150' });
		expect(await tierOf(b)).toBe('regular');
		await deleteAccount(db, a, null);
		expect(await tierOf(b)).toBe('key');
		expect(await findAccountById(db, a)).toBeUndefined();
	});

	it('records only changed fields and nothing when nothing changed', async () => {
		const id = await newAccount(db, { name: '甲', region: '华东', tags: 'x' });
		await updateAccount(db, id, { region: '华东', tags: ['x'] }, null);
		await updateAccount(db, id, { region: '华南', tags: ['x', 'y'] }, null);
		const rows = await activity(id);
		expect(rows.map((r) => r.action)).toEqual(['account.created', 'account.updated']);
		expect(JSON.parse(rows[1].details)).toEqual({ fields: ['region', 'tags'] });
	});

	it('requires a reason for a tier override and keeps the automatic tier beside it', async () => {
		const userId = await newUser(db);
		const id = await newAccount(db, { annual_sales: '0' });
		await expect(
			setTierOverride(db, id, { tier_override: 'potential', tier_override_reason: null }, userId)
		).rejects.toMatchObject({ messageKey: 'accounts_error_override_reason' });
		await expect(
			createAccount(
				db,
				accountInputSchema.parse({ name: 'x', channel: 'other', tier_override: 'key' }),
				null
			)
		).rejects.toBeInstanceOf(DomainError);

		await setTierOverride(
			db,
			id,
			{ tier_override: 'potential', tier_override_reason: '新开三家门店' },
			userId
		);
		const account = await findAccountById(db, id);
		expect(account).toMatchObject({
			auto_tier: 'regular',
			tier_override: 'potential',
			tier_override_reason: '新开三家门店'
		});
		expect((await activity(id)).at(-1)).toMatchObject({
			action: 'account.tier_overridden',
			user_id: userId
		});

		await setTierOverride(db, id, { tier_override: null, tier_override_reason: 'stale' }, userId);
		expect(await findAccountById(db, id)).toMatchObject({
			tier_override: null,
			tier_override_reason: null
		});
	});

	it('marks an account reviewed on a given day', async () => {
		const id = await newAccount(db);
		await markReviewed(db, id, null, '2026-05-20');
		expect((await findAccountById(db, id))?.last_reviewed_on).toBe('2026-05-20');
		expect((await activity(id)).at(-1)?.action).toBe('account.reviewed');
	});

	it('refuses to delete an account with contacts unless asked, and never one with guests', async () => {
		const id = await newAccount(db);
		const contactId = await newContact(db, id);
		await expect(deleteAccount(db, id, null)).rejects.toMatchObject({
			messageKey: 'accounts_error_has_contacts',
			params: { count: 1 }
		});
		const now = new Date().toISOString();
		const gathering = await db
			.insertInto('gathering')
			.values({
				uid: 'g1@test',
				title_zh: '年会',
				title_en: 'Gala',
				starts_at: now,
				ends_at: now,
				created_by: null,
				created_at: now,
				updated_at: now
			} as never)
			.returning('id')
			.executeTakeFirstOrThrow();
		const invitee = await db
			.insertInto('invitee')
			.values({
				gathering_id: gathering.id,
				contact_id: contactId,
				role: 'guest',
				checkin_code: 'c1',
				created_at: now,
				updated_at: now
			} as never)
			.returning('id')
			.executeTakeFirstOrThrow();
		await expect(deleteAccount(db, id, null, { withContacts: true })).rejects.toMatchObject({
			messageKey: 'accounts_error_contacts_invited'
		});
		expect(await findAccountById(db, id)).toBeDefined();

		await db.deleteFrom('invitee').where('id', '=', invitee.id).execute();
		await deleteAccount(db, id, null, { withContacts: true });
		expect(await findAccountById(db, id)).toBeUndefined();
		expect(await db.selectFrom('contact').selectAll().execute()).toEqual([]);
	});

	it("works inside a caller's transaction and rolls back with it", async () => {
		await expect(
			db.transaction().execute(async (trx) => {
				const id = await createAccount(
					trx,
					accountInputSchema.parse({ name: '导入', channel: 'other', annual_sales: '5' }),
					null,
					{ recompute: false }
				);
				await updateAccount(trx, id, { region: '华北' }, null);
				await recomputeAutoTiers(trx, ['other']);
				expect((await findAccountById(trx, id))?.auto_tier).toBe('key');
				throw new Error('abort import');
			})
		).rejects.toThrow('abort import');
		expect(await db.selectFrom('account').selectAll().execute()).toEqual([]);
		expect(await db.selectFrom('activity').selectAll().execute()).toEqual([]);
	});

	it('reports an unknown account as not found', async () => {
		await expect(updateAccount(db, 999, { region: 'x' }, null)).rejects.toMatchObject({
			status: 404
		});
	});
});

describe('account list', () => {
	it('sorts Chinese names by pinyin and filters by tier, tag and review date', async () => {
		const { listAccounts, countAccounts } = await import('$lib/server/accounts/list-repository');
		await newAccount(db, { name: '中原食品', channel: 'other', annual_sales: '100', tags: '华中' });
		await newAccount(db, { name: '爱家超市', annual_sales: '900', last_reviewed_on: '2026-05-01' });
		await newAccount(db, { name: 'Bright Foods', annual_sales: '0' });
		const page = { sort: 'name' as const, desc: false, limit: 25, offset: 0 };
		expect((await listAccounts(db, {}, page)).map((a) => a.name)).toEqual([
			'爱家超市',
			'Bright Foods',
			'中原食品'
		]);
		expect((await listAccounts(db, { tier: 'key' }, page)).map((a) => a.name)).toEqual([
			'爱家超市',
			'中原食品'
		]);
		expect((await listAccounts(db, { tag: '华中' }, page)).map((a) => a.name)).toEqual([
			'中原食品'
		]);
		expect(await countAccounts(db, { reviewDueBefore: '2026-04-20' })).toBe(2);
		expect(await countAccounts(db, { q: '超市' })).toBe(1);
		expect(await countAccounts(db, { q: '100%_' })).toBe(0);
	});
});
