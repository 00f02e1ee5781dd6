import type { Executor } from '../db';

/** The contact an unsubscribe token (by its hash) belongs to. */
export function findContactByTokenHash(db: Executor, tokenHash: string) {
	return db
		.selectFrom('greeting_unsubscribe_token as t')
		.innerJoin('contact', 'contact.id', 't.contact_id')
		.select([
			'contact.id',
			'contact.name',
			'contact.salutation',
			'contact.locale',
			'contact.greeting_opt_out',
			'contact.account_id'
		])
		.where('t.token_hash', '=', tokenHash)
		.executeTakeFirst();
}

export async function setGreetingOptOut(db: Executor, contactId: number) {
	await db
		.updateTable('contact')
		.set({ greeting_opt_out: 1 })
		.where('id', '=', contactId)
		.execute();
}

/** Unsubscribe tokens (hashed), several rows a statement. */
export async function insertUnsubscribeTokens(
	db: Executor,
	rows: { token_hash: string; contact_id: number; created_at: string }[]
) {
	// 3 values a row; SQLite allows 32,766 variables a statement.
	for (let i = 0; i < rows.length; i += 5000) {
		await db
			.insertInto('greeting_unsubscribe_token')
			.values(rows.slice(i, i + 5000))
			.execute();
	}
}
