import { sql, type Kysely } from 'kysely';

// Addresses a receiving server refused for good (a 5xx reply to RCPT TO or DATA): a hard bounce.
// Keyed by the address in lower case, so a contact whose address is corrected is no longer
// bounced. Until now a bounce was any failed outbox message whose reply began with 5; those
// become rows here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('email_bounce')
		.addColumn('address', 'text', (c) => c.primaryKey())
		.addColumn('reply', 'text', (c) => c.notNull())
		.addColumn('outbox_message_id', 'integer', (c) =>
			c.references('outbox_message.id').onDelete('set null')
		)
		.addColumn('bounced_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('email_bounce_outbox_message')
		.on('email_bounce')
		.column('outbox_message_id')
		.execute();
	await sql`insert or ignore into email_bounce (address, reply, outbox_message_id, bounced_at)
		select lower(to_address), coalesce(last_error, ''), id, coalesce(sent_at, created_at)
		from outbox_message where status = 'failed' and last_error like '5%'
		order by id desc`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('email_bounce').execute();
}
