import type { Executor } from '../db';

// The lists the "add from directory" filters choose from: accounts, tags, account owners, and
// the host company's people.

export function listAccountChoices(db: Executor) {
	return db.selectFrom('account').select(['id', 'name']).orderBy('name_sort').execute();
}

export async function listAccountTags(db: Executor): Promise<string[]> {
	const rows = await db.selectFrom('account_tag').select('tag').distinct().orderBy('tag').execute();
	return rows.map((r) => r.tag);
}

export function listActiveUsers(db: Executor) {
	return db
		.selectFrom('user')
		.select(['id', 'name'])
		.where('disabled_at', 'is', null)
		.orderBy('name')
		.execute();
}

export function listStaffChoices(db: Executor) {
	return db
		.selectFrom('staff_member')
		.select(['id', 'name', 'title', 'kind'])
		.orderBy('seniority')
		.orderBy('name')
		.execute();
}

export function findStaffKinds(db: Executor, ids: readonly number[]) {
	return db
		.selectFrom('staff_member')
		.select(['id', 'kind'])
		.where('id', 'in', ids.length ? [...ids] : [-1])
		.execute();
}

/** Of these contact ids, the ones that exist. */
export async function existingContactIds(db: Executor, ids: readonly number[]): Promise<number[]> {
	const rows = await db
		.selectFrom('contact')
		.select('id')
		.where('id', 'in', ids.length ? [...ids] : [-1])
		.execute();
	return rows.map((r) => r.id);
}
