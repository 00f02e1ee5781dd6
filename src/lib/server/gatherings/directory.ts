import type { Executor } from '../db';
import type { Tier } from '../db/schema';
import { findContactsWithCompany } from '../contacts/repository';

// Finding people in the directory to put on a guest list.

export interface DirectoryFilter {
	tier?: Tier;
	accountId?: number;
	tag?: string;
	ownerUserId?: number;
	/** Name, pinyin, initials, Latin name, company or email. */
	q?: string;
}

/** Contacts in the directory matching every filter given (the contacts list's own search). */
export function findDirectoryContacts(db: Executor, filter: DirectoryFilter, limit = 500) {
	return findContactsWithCompany(db, filter, limit);
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
