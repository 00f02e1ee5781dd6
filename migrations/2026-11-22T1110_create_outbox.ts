import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('outbox_message')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('dedupe_key', 'text', (c) => c.unique())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('message_id', 'text', (c) => c.notNull().unique())
		.addColumn('from_name', 'text', (c) => c.notNull())
		.addColumn('reply_to', 'text')
		.addColumn('to_address', 'text', (c) => c.notNull())
		.addColumn('to_name', 'text')
		.addColumn('locale', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('html', 'text', (c) => c.notNull())
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('queued')
				.check(sql`status in ('queued','sent','failed')`)
		)
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', 'text', (c) => c.notNull())
		.addColumn('lease_owner', 'text')
		.addColumn('lease_until', 'text')
		.addColumn('last_error', 'text')
		.addColumn('sent_at', 'text')
		.addColumn('gathering_id', 'integer', (c) => c.references('gathering.id').onDelete('set null'))
		.addColumn('invitee_id', 'integer', (c) => c.references('invitee.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('outbox_due')
		.on('outbox_message')
		.columns(['status', 'next_attempt_at'])
		.execute();
	await db.schema
		.createIndex('outbox_gathering')
		.on('outbox_message')
		.column('gathering_id')
		.execute();

	await db.schema
		.createTable('outbox_attachment')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('message_id', 'integer', (c) =>
			c.notNull().references('outbox_message.id').onDelete('cascade')
		)
		.addColumn('filename', 'text', (c) => c.notNull())
		.addColumn('content_type', 'text', (c) => c.notNull())
		.addColumn('content', 'blob', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('outbox_attachment_message')
		.on('outbox_attachment')
		.column('message_id')
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('outbox_attachment').execute();
	await db.schema.dropTable('outbox_message').execute();
}
