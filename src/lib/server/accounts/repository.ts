import type { Executor } from '../db';
import { caseInsensitiveEquals } from '../db/sql';
import type { AccountUpdate, Channel, NewAccount } from '../db/schema';

/*
 * Queries on one account and its tags, tiers and people. The list pages' filtered, sorted
 * queries are in list-repository.ts.
 */
export { accountMatches, type AccountAttributeFilter } from './list-repository';

export function findAccountById(db: Executor, id: number) {
	return db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The account with exactly this name, or else with this English name (ignoring case);
 * the oldest one if several share it. Surrounding spaces are ignored.
 */
export async function findAccountByName(db: Executor, name: string) {
	const wanted = name.trim();
	if (!wanted) {
		return undefined;
	}
	const byName = await db
		.selectFrom('account')
		.selectAll()
		.where('name', '=', wanted)
		.orderBy('id')
		.executeTakeFirst();
	if (byName) {
		return byName;
	}
	return db
		.selectFrom('account')
		.selectAll()
		.where((eb) => caseInsensitiveEquals(eb.ref('name_en'), wanted))
		.orderBy('id')
		.executeTakeFirst();
}

export async function insertAccount(db: Executor, account: NewAccount): Promise<number> {
	const row = await db
		.insertInto('account')
		.values(account)
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function updateAccountRow(db: Executor, id: number, changes: AccountUpdate) {
	await db.updateTable('account').set(changes).where('id', '=', id).execute();
}

export async function deleteAccountRow(db: Executor, id: number) {
	await db.deleteFrom('account').where('id', '=', id).execute();
}

export async function listTags(db: Executor, accountId: number): Promise<string[]> {
	const rows = await db
		.selectFrom('account_tag')
		.select('tag')
		.where('account_id', '=', accountId)
		.orderBy('tag')
		.execute();
	return rows.map((r) => r.tag);
}

export async function replaceTags(db: Executor, accountId: number, tags: readonly string[]) {
	await db.deleteFrom('account_tag').where('account_id', '=', accountId).execute();
	if (tags.length > 0) {
		await db
			.insertInto('account_tag')
			.values(tags.map((tag) => ({ account_id: accountId, tag })))
			.execute();
	}
}

export async function listAllTags(db: Executor): Promise<string[]> {
	const rows = await db.selectFrom('account_tag').select('tag').distinct().orderBy('tag').execute();
	return rows.map((r) => r.tag);
}

/** Figures the 80/20 rule needs, for the given channels (all when omitted). */
export function listTierFigures(db: Executor, channels?: readonly Channel[]) {
	let query = db
		.selectFrom('account')
		.select([
			'id',
			'channel',
			'annual_sales_minor as sales',
			'annual_profit_minor as profit',
			'auto_tier',
			'auto_tier_basis'
		]);
	if (channels) {
		if (channels.length === 0) {
			return Promise.resolve([]);
		}
		query = query.where('channel', 'in', channels);
	}
	return query.execute();
}

export async function setAutoTier(
	db: Executor,
	id: number,
	autoTier: 'key' | 'regular',
	basis: string
) {
	await db
		.updateTable('account')
		.set({ auto_tier: autoTier, auto_tier_basis: basis })
		.where('id', '=', id)
		.execute();
}

/** The people at an account (the contacts helper owns their pages). */
export function listAccountContacts(db: Executor, accountId: number) {
	return db
		.selectFrom('contact')
		.select(['id', 'name', 'name_latin', 'title', 'email', 'phone', 'salutation', 'birthday'])
		.where('account_id', '=', accountId)
		.orderBy('name_pinyin')
		.orderBy('id')
		.execute();
}

export async function countAccountContacts(db: Executor, accountId: number): Promise<number> {
	const row = await db
		.selectFrom('contact')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('account_id', '=', accountId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Contacts of the account that are on any gathering's list (they must not be deleted). */
export async function countContactsOnGuestLists(db: Executor, accountId: number): Promise<number> {
	const row = await db
		.selectFrom('invitee')
		.innerJoin('contact', 'contact.id', 'invitee.contact_id')
		.select((eb) => eb.fn.count<number>('contact.id').distinct().as('n'))
		.where('contact.account_id', '=', accountId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function deleteAccountContacts(db: Executor, accountId: number) {
	await db.deleteFrom('contact').where('account_id', '=', accountId).execute();
}

/** An account manager as pages show them (never the password hash). */
export function findOwner(db: Executor, userId: number) {
	return db
		.selectFrom('user')
		.select(['id', 'name', 'email'])
		.where('id', '=', userId)
		.executeTakeFirst();
}

/** Every account's id and names, oldest first: what importers match company names against. */
export function listAccountNames(db: Executor) {
	return db.selectFrom('account').select(['id', 'name', 'name_en']).orderBy('id').execute();
}

/** The account's channel and last change: an importer compares them before and after. */
export function findAccountStamp(db: Executor, id: number) {
	return db
		.selectFrom('account')
		.select(['channel', 'updated_at'])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
}

export async function hasAnyAccount(db: Executor): Promise<boolean> {
	return Boolean(await db.selectFrom('account').select('id').limit(1).executeTakeFirst());
}

export async function countAccountsWithAutoTier(db: Executor, tier: 'key' | 'regular') {
	const row = await db
		.selectFrom('account')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('auto_tier', '=', tier)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Every account's columns with its owner's email, by id: what the CSV export writes. */
export async function accountsForExport(db: Executor) {
	const rows = await db
		.selectFrom('account')
		.leftJoin('user', 'user.id', 'account.owner_user_id')
		.selectAll('account')
		.select('user.email as owner_email')
		.execute();
	return new Map(rows.map((a) => [a.id, a]));
}
