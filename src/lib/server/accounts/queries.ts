import { z } from 'zod';
import type { Executor } from '../db';
import type { Channel, Tier } from '../db/schema';
import { listAccountActivity } from '../activity/repository';
import { companyToday } from '../today';
import { listAssignableUsers } from '../users/service';
import { accountFormValues } from './form';
import * as lists from './list-repository';
import * as repo from './repository';
import { isReviewDue, monthBefore } from './review';
import { channels, tiers } from './schema';
import { computeTiers, paretoSeries, parseBasis } from './tiers';

export const PAGE_SIZE = 25;

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** An optional id in a query string; anything malformed is no id. */
export const queryId = z
	.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional())
	.catch(undefined);

/** The filters the account list and the contact list share, as their query strings give them. */
export const attributeQueryFields = {
	q: z.string().trim().max(100).optional().catch(undefined),
	tier: z.preprocess(emptyToUndefined, z.enum(tiers).optional()).catch(undefined),
	channel: z.preprocess(emptyToUndefined, z.enum(channels).optional()).catch(undefined),
	owner: queryId,
	tag: z.string().trim().max(40).optional().catch(undefined)
};

/** Those shared filters as the repositories take them. */
export function attributeFilter(query: {
	q?: string;
	tier?: Tier;
	channel?: Channel;
	owner?: number;
	tag?: string;
}) {
	return {
		q: query.q || undefined,
		tier: query.tier,
		channel: query.channel,
		ownerUserId: query.owner,
		tag: query.tag || undefined
	};
}

/** The list page's query string; anything malformed falls back to the default. */
export const accountListQuerySchema = z.object({
	...attributeQueryFields,
	due: z.preprocess((v) => v === '1' || v === 'on', z.boolean()).catch(false),
	sort: z.enum(['name', 'sales', 'profit', 'reviewed', 'tier']).catch('name'),
	dir: z.enum(['asc', 'desc']).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(10_000).catch(1),
	chart: z.preprocess(emptyToUndefined, z.enum(channels).optional()).catch(undefined),
	metric: z.enum(['sales', 'profit']).catch('sales')
});
export type AccountListQuery = z.output<typeof accountListQuerySchema>;

export function parseListQuery(params: URLSearchParams): AccountListQuery {
	return accountListQuerySchema.parse(Object.fromEntries(params));
}

/** The list page's filters, as the list and the CSV export both apply them. */
export function accountListFilter(query: AccountListQuery, today: string): lists.AccountListFilter {
	return {
		...attributeFilter(query),
		reviewDueBefore: query.due ? monthBefore(today) : undefined
	};
}

/** Figures read best largest first; names and review dates oldest/alphabetical first. */
export function sortsDescending(query: AccountListQuery): boolean {
	return query.dir ? query.dir === 'desc' : query.sort === 'sales' || query.sort === 'profit';
}

export async function loadAccountList(db: Executor, query: AccountListQuery, today: string) {
	const filter = accountListFilter(query, today);
	const desc = sortsDescending(query);
	const total = await lists.countAccounts(db, filter);
	const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
	const page = Math.min(query.page, pages);
	const rows = await lists.listAccounts(db, filter, {
		sort: query.sort,
		desc,
		limit: PAGE_SIZE,
		offset: (page - 1) * PAGE_SIZE
	});
	const tags = await lists.tagsByAccount(
		db,
		rows.map((r) => r.id)
	);
	return {
		accounts: rows.map((r) => ({
			...r,
			contact_count: Number(r.contact_count ?? 0),
			tags: tags.get(r.id) ?? [],
			reviewDue: isReviewDue(r.last_reviewed_on, today)
		})),
		total,
		page,
		pages,
		desc,
		anyAccounts: total > 0 || (await lists.countAccounts(db, {})) > 0,
		owners: await listAssignableUsers(db),
		allTags: await repo.listAllTags(db)
	};
}

/** Bars for the Pareto chart of one channel by one figure, with who is key by it. */
export async function loadPareto(
	db: Executor,
	requested: Channel | undefined,
	metric: 'sales' | 'profit'
) {
	const counts = await lists.channelCounts(db);
	const channel =
		requested ?? channels.find((c) => (counts.get(c) ?? 0) > 0) ?? ('distributor' as const);
	const rows = await lists.listChannelFigures(db, channel);
	const results = computeTiers(
		rows.map((r) => ({ id: r.id, sales: r.annual_sales_minor, profit: r.annual_profit_minor }))
	);
	const byId = new Map(rows.map((r) => [r.id, r]));
	const other = metric === 'sales' ? 'profit' : 'sales';
	const bars = paretoSeries(
		rows.map((r) => ({
			id: r.id,
			value: metric === 'sales' ? r.annual_sales_minor : r.annual_profit_minor
		}))
	).map((point) => {
		const row = byId.get(point.id)!;
		const basis = results.get(point.id)!.basis;
		return {
			...point,
			name: row.name,
			keyByMetric: basis[metric].key,
			keyByOther: basis[other].key
		};
	});
	return {
		channel,
		metric,
		count: rows.length,
		currency: rows[0]?.currency ?? 'CNY',
		bars,
		channelCounts: Object.fromEntries(channels.map((c) => [c, counts.get(c) ?? 0])) as Record<
			Channel,
			number
		>
	};
}

export async function loadAccountPage(db: Executor, id: number) {
	const today = await companyToday(db);
	const account = await repo.findAccountById(db, id);
	if (!account) {
		return null;
	}
	const owner = account.owner_user_id ? await repo.findOwner(db, account.owner_user_id) : undefined;
	return {
		account,
		owner: owner ?? null,
		tags: await repo.listTags(db, id),
		basis: parseBasis(account.auto_tier_basis),
		reviewDue: isReviewDue(account.last_reviewed_on, today),
		contacts: await repo.listAccountContacts(db, id),
		invitedContacts: await repo.countContactsOnGuestLists(db, id),
		history: await listAccountActivity(db, id, 50)
	};
}

/** The new-account form: the account managers to choose from. */
export async function loadNewAccountForm(db: Executor) {
	return { owners: await listAssignableUsers(db) };
}

/** The edit form of an account, or null when there is no such account. */
export async function loadAccountForm(db: Executor, id: number) {
	const account = await repo.findAccountById(db, id);
	if (!account) {
		return null;
	}
	return {
		account: { id: account.id, name: account.name },
		values: accountFormValues(account, await repo.listTags(db, account.id)),
		owners: await listAssignableUsers(db)
	};
}

/** The accounts page: the list as the query filters and sorts it, and the Pareto chart. */
export async function loadAccountsPage(db: Executor, query: AccountListQuery) {
	const today = await companyToday(db);
	return {
		query,
		list: await loadAccountList(db, query, today),
		pareto: await loadPareto(db, query.chart, query.metric)
	};
}
