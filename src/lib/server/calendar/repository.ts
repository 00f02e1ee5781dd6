import type { Executor } from '../db';

// Queries behind the calendar files: the staff feed's token on the user, and the gatherings it lists.

export async function setFeedTokenHash(
	db: Executor,
	userId: number,
	hash: string,
	at: string
): Promise<void> {
	await db
		.updateTable('user')
		.set({ calendar_feed_token_hash: hash, updated_at: at })
		.where('id', '=', userId)
		.execute();
}

export async function findFeedTokenHash(db: Executor, userId: number): Promise<string | null> {
	const row = await db
		.selectFrom('user')
		.select('calendar_feed_token_hash')
		.where('id', '=', userId)
		.executeTakeFirst();
	return row?.calendar_feed_token_hash ?? null;
}

/** The enabled user a feed token belongs to, by its hash. */
export function findFeedUser(db: Executor, tokenHash: string) {
	return db
		.selectFrom('user')
		.select(['id', 'locale'])
		.where('calendar_feed_token_hash', '=', tokenHash)
		.where('disabled_at', 'is', null)
		.executeTakeFirst();
}

/** Every gathering, soonest first: the feed lists them all. */
export function listGatheringsForFeed(db: Executor) {
	return db.selectFrom('gathering').selectAll().orderBy('starts_at').execute();
}
