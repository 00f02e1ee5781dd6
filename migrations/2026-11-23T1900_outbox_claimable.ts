import { sql, type Kysely } from 'kysely';

/**
 * The worker's claim looks for queued, due messages whose lease is free. outbox_due alone makes
 * SQLite read each candidate row for lease_until, and lease_until sits behind the html and text
 * columns (overflow pages): skipping the messages already in flight cost a wide read each. This
 * partial index answers the whole search and holds only queued messages, so it stays small.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await sql`create index outbox_claimable on outbox_message (next_attempt_at, id, lease_until)
		where status = 'queued'`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('outbox_claimable').execute();
}
