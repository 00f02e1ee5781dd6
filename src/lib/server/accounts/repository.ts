import { effectiveTier } from './effective-tier';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../db';
import type { AccountUpdate, Channel, DB, NewAccount, Tier } from '../db/schema';

/** Effective tier: a staff override wins over the 80/20 result. */
const accountTier = effectiveTier('account');

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
		.where(sql<string>`lower(name_en)`, '=', wanted.toLowerCase())
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

/** What the account lists (accounts, contacts, guest-list picker) filter by. */
export interface AccountAttributeFilter {
	tier?: Tier;
	channel?: Channel;
	ownerUserId?: number;
	tag?: string;
}

/** The account filters as one condition, for any query that has `account` in it. */
export function accountMatches(
	eb: ExpressionBuilder<DB, 'account'>,
	filter: AccountAttributeFilter
): Expression<SqlBool> {
	const conditions: Expression<SqlBool>[] = [];
	if (filter.tier) {
		conditions.push(eb(accountTier, '=', filter.tier));
	}
	if (filter.channel) {
		conditions.push(eb('account.channel', '=', filter.channel));
	}
	if (filter.ownerUserId) {
		conditions.push(eb('account.owner_user_id', '=', filter.ownerUserId));
	}
	if (filter.tag) {
		conditions.push(
			eb.exists(
				eb
					.selectFrom('account_tag')
					.select('account_tag.tag')
					.whereRef('account_tag.account_id', '=', 'account.id')
					.where('account_tag.tag', '=', filter.tag)
			)
		);
	}
	return eb.and(conditions);
}

export interface AccountListFilter {
	q?: string;
	tier?: Tier;
	channel?: Channel;
	ownerUserId?: number;
	tag?: string;
	/** Only accounts last reviewed before this date (YYYY-MM-DD) or never. */
	reviewDueBefore?: string;
}

export type AccountSort = 'name' | 'sales' | 'profit' | 'reviewed' | 'tier';

function filtered(db: Executor, filter: AccountListFilter) {
	let query = db.selectFrom('account');
	if (filter.q) {
		const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		query = query.where((eb) =>
			eb.or([
				eb(sql`account.name`, 'like', sql`${like} escape '\\'`),
				eb(sql`account.name_en`, 'like', sql`${like} escape '\\'`)
			])
		);
	}
	query = query.where((eb) => accountMatches(eb, filter));
	if (filter.reviewDueBefore) {
		const before = filter.reviewDueBefore;
		query = query.where((eb) =>
			eb.or([
				eb('account.last_reviewed_on', 'is', null),
				eb('account.last_reviewed_on', '<', before)
			])
		);
	}
	return query;
}

export async function countAccounts(db: Executor, filter: AccountListFilter): Promise<number> {
	const row = await filtered(db, filter)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export function listAccounts(
	db: Executor,
	filter: AccountListFilter,
	options: { sort: AccountSort; desc: boolean; limit: number; offset: number }
) {
	const direction = options.desc ? 'desc' : 'asc';
	let query = filtered(db, filter)
		.leftJoin('user', 'user.id', 'account.owner_user_id')
		.select([
			'account.id',
			'account.name',
			'account.name_en',
			'account.channel',
			'account.region',
			'account.currency',
			'account.annual_sales_minor',
			'account.annual_profit_minor',
			'account.last_reviewed_on',
			'account.auto_tier',
			'account.tier_override',
			'user.name as owner_name'
		])
		.select(accountTier.as('tier'))
		.select((eb) =>
			eb
				.selectFrom('contact')
				.select((c) => c.fn.countAll<number>().as('n'))
				.whereRef('contact.account_id', '=', 'account.id')
				.as('contact_count')
		);
	switch (options.sort) {
		case 'sales':
			query = query.orderBy('account.annual_sales_minor', direction);
			break;
		case 'profit':
			query = query.orderBy('account.annual_profit_minor', direction);
			break;
		case 'reviewed':
			// Never reviewed counts as the oldest review.
			query = query.orderBy(sql`coalesce(account.last_reviewed_on, '')`, direction);
			break;
		case 'tier':
			query = query.orderBy(
				sql`case ${accountTier} when 'key' then 0 when 'potential' then 1 else 2 end`,
				direction
			);
			break;
		case 'name':
			break;
	}
	return query
		.orderBy('account.name_sort', options.sort === 'name' ? direction : 'asc')
		.orderBy('account.id')
		.limit(options.limit)
		.offset(options.offset)
		.execute();
}

/** Tags of many accounts at once, for a list page. */
export async function tagsByAccount(db: Executor, ids: readonly number[]) {
	const map = new Map<number, string[]>();
	if (ids.length === 0) {
		return map;
	}
	const rows = await db
		.selectFrom('account_tag')
		.select(['account_id', 'tag'])
		.where('account_id', 'in', ids)
		.orderBy('tag')
		.execute();
	for (const row of rows) {
		map.set(row.account_id, [...(map.get(row.account_id) ?? []), row.tag]);
	}
	return map;
}

/** Every account of a channel, for the Pareto chart. */
export function listChannelFigures(db: Executor, channel: Channel) {
	return db
		.selectFrom('account')
		.select([
			'id',
			'name',
			'name_en',
			'currency',
			'annual_sales_minor',
			'annual_profit_minor',
			'auto_tier',
			'tier_override'
		])
		.where('channel', '=', channel)
		.execute();
}

export async function channelCounts(db: Executor) {
	const rows = await db
		.selectFrom('account')
		.select(['channel', (eb) => eb.fn.countAll<number>().as('n')])
		.groupBy('channel')
		.execute();
	return new Map(rows.map((r) => [r.channel, Number(r.n)]));
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
