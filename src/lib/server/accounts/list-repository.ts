import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../db';
import { caseInsensitiveContains } from '../db/sql';
import type { Channel, DB, Tier } from '../db/schema';
import { effectiveTier } from './effective-tier';

/** Effective tier: a staff override wins over the 80/20 result. */
const accountTier = effectiveTier('account');

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
		const q = filter.q;
		query = query.where((eb) =>
			eb.or([
				caseInsensitiveContains(eb.ref('account.name'), q),
				caseInsensitiveContains(eb.ref('account.name_en'), q)
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
