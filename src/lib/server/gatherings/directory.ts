import type { Executor } from '../db';
import type { Tier } from '../db/schema';
import { findContactsWithCompany } from '../contacts/repository';
import * as repo from './directory-repository';

// Finding people in the directory to put on a guest list.

export interface DirectoryFilter {
	tier?: Tier;
	accountId?: number;
	tag?: string;
	ownerUserId?: number;
	/** Name, pinyin, initials, Latin name, company or email. */
	q?: string;
}

/** At least one filter is given (adding "everyone in the directory" is never meant). */
export const hasDirectoryFilter = (f: DirectoryFilter): boolean =>
	Boolean(f.tier || f.accountId || f.tag || f.ownerUserId || f.q);

/** Contacts in the directory matching every filter given (the contacts list's own search). */
export function findDirectoryContacts(db: Executor, filter: DirectoryFilter, limit = 500) {
	return findContactsWithCompany(db, filter, limit);
}

/** Choices for the "add from directory" filters. */
export async function directoryChoices(db: Executor) {
	const [accounts, tags, owners, staff] = await Promise.all([
		repo.listAccountChoices(db),
		repo.listAccountTags(db),
		repo.listActiveUsers(db),
		repo.listStaffChoices(db)
	]);
	return { accounts, tags, owners, staff };
}
