import { sql } from 'kysely';
import type { Executor } from '../db';
import type { Tier } from '../db/schema';

// Finding people in the directory to put on a guest list.

const tier = sql<Tier | null>`coalesce(a.tier_override, a.auto_tier)`;

export interface DirectoryFilter {
	tier?: Tier;
	accountId?: number;
	tag?: string;
	ownerUserId?: number;
	/** Name, pinyin, initials, Latin name or company. */
	q?: string;
}

/** Contacts in the directory matching every filter given. */
export function findDirectoryContacts(db: Executor, filter: DirectoryFilter, limit = 500) {
	let q = db
		.selectFrom('contact as c')
		.innerJoin('account as a', 'a.id', 'c.account_id')
		.select([
			'c.id',
			'c.name',
			'c.name_latin',
			'c.title',
			'a.id as account_id',
			'a.name as company',
			tier.as('tier')
		]);
	if (filter.tier) {
		q = q.where(tier, '=', filter.tier);
	}
	if (filter.accountId) {
		q = q.where('a.id', '=', filter.accountId);
	}
	if (filter.ownerUserId) {
		q = q.where('a.owner_user_id', '=', filter.ownerUserId);
	}
	if (filter.tag) {
		const tag = filter.tag;
		q = q.where((eb) =>
			eb.exists(
				eb
					.selectFrom('account_tag as t')
					.select('t.tag')
					.whereRef('t.account_id', '=', 'a.id')
					.where('t.tag', '=', tag)
			)
		);
	}
	if (filter.q) {
		const like = `%${filter.q.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
		const compact = `%${filter.q
			.toLowerCase()
			.replace(/\s+/g, '')
			.replace(/[%_\\]/g, '')}%`;
		q = q.where((eb) =>
			eb.or([
				sql<boolean>`c.name like ${like} escape '\\'`,
				sql<boolean>`c.name_latin like ${like} escape '\\'`,
				sql<boolean>`c.name_pinyin like ${compact}`,
				sql<boolean>`c.name_initials like ${compact}`,
				sql<boolean>`a.name like ${like} escape '\\'`,
				sql<boolean>`a.name_en like ${like} escape '\\'`
			])
		);
	}
	return q.orderBy('a.name_sort').orderBy('c.name_pinyin').limit(limit).execute();
}

/** Choices for the "add from directory" filters. */
export async function directoryChoices(db: Executor) {
	const [accounts, tags, owners, staff] = await Promise.all([
		db.selectFrom('account').select(['id', 'name']).orderBy('name_sort').execute(),
		db.selectFrom('account_tag').select('tag').distinct().orderBy('tag').execute(),
		db
			.selectFrom('user')
			.select(['id', 'name'])
			.where('disabled_at', 'is', null)
			.orderBy('name')
			.execute(),
		db
			.selectFrom('staff_member')
			.select(['id', 'name', 'title', 'kind'])
			.orderBy('seniority')
			.orderBy('name')
			.execute()
	]);
	return { accounts, tags: tags.map((t) => t.tag), owners, staff };
}
