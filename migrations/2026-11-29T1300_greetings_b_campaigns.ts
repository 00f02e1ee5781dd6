import { sql, type Kysely } from 'kysely';

/**
 * Greeting campaigns and their per-recipient ledger; unsubscribe tokens; recurring birthday and
 * anniversary greetings per account manager; and what the outbox needs for greetings: extra
 * headers (List-Unsubscribe), inline images (Content-ID) and one stored copy of a card shared by
 * every message that carries it (mail_blob).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('campaign')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('occasion', 'text', (c) => c.notNull())
		.addColumn('occasion_date', 'text', (c) => c.notNull())
		.addColumn('send_mode', 'text', (c) =>
			c.notNull().check(sql`send_mode in ('fixed','local_nine')`)
		)
		.addColumn('send_at', 'text')
		.addColumn('send_date', 'text')
		.addColumn('send_zone', 'text', (c) => c.notNull().defaultTo('Asia/Shanghai'))
		.addColumn('sender_mode', 'text', (c) =>
			c.notNull().check(sql`sender_mode in ('owner','person')`)
		)
		.addColumn('sender_user_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('filter', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('draft')
				.check(sql`status in ('draft','sending','paused','cancelled','done')`)
		)
		.addColumn('created_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('started_at', 'text')
		.addColumn('finished_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('campaign_template')
		.addColumn('campaign_id', 'integer', (c) =>
			c.notNull().references('campaign.id').onDelete('cascade')
		)
		.addColumn('locale', 'text', (c) => c.notNull().check(sql`locale in ('zh-CN','en')`))
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('card_text', 'text')
		.addColumn('card_design', 'text')
		.addColumn('card_png', 'blob')
		.addPrimaryKeyConstraint('campaign_template_pk', ['campaign_id', 'locale'])
		.execute();

	await db.schema
		.createTable('campaign_audience_edit')
		.addColumn('campaign_id', 'integer', (c) =>
			c.notNull().references('campaign.id').onDelete('cascade')
		)
		.addColumn('contact_id', 'integer', (c) =>
			c.notNull().references('contact.id').onDelete('cascade')
		)
		.addColumn('included', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('campaign_audience_edit_pk', ['campaign_id', 'contact_id'])
		.execute();

	await db.schema
		.createTable('campaign_recipient')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('campaign_id', 'integer', (c) =>
			c.notNull().references('campaign.id').onDelete('cascade')
		)
		.addColumn('contact_id', 'integer', (c) =>
			c.notNull().references('contact.id').onDelete('cascade')
		)
		.addColumn('state', 'text', (c) =>
			c.notNull().check(sql`state in ('pending','queued','skipped','unsubscribed')`)
		)
		.addColumn('reason', 'text')
		.addColumn('due_at', 'text', (c) => c.notNull())
		.addColumn('sender_domain', 'text', (c) => c.notNull())
		.addColumn('outbox_message_id', 'integer', (c) =>
			c.references('outbox_message.id').onDelete('set null')
		)
		.addColumn('queued_at', 'text')
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('campaign_recipient_once', ['campaign_id', 'contact_id'])
		.execute();
	await sql`create index campaign_recipient_due on campaign_recipient (due_at, campaign_id)
		where state = 'pending'`.execute(db);
	await db.schema
		.createIndex('campaign_recipient_rate')
		.on('campaign_recipient')
		.columns(['sender_domain', 'queued_at'])
		.execute();

	await db.schema
		.createTable('greeting_unsubscribe_token')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('contact_id', 'integer', (c) =>
			c.notNull().references('contact.id').onDelete('cascade')
		)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('recurring_greeting')
		.addColumn('user_id', 'integer', (c) =>
			c.primaryKey().references('user.id').onDelete('cascade')
		)
		.addColumn('birthday', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('anniversary', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('subject_zh', 'text', (c) => c.notNull())
		.addColumn('body_zh', 'text', (c) => c.notNull())
		.addColumn('subject_en', 'text', (c) => c.notNull())
		.addColumn('body_en', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('mail_blob')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('sha256', 'text', (c) => c.notNull().unique())
		.addColumn('content', 'blob', (c) => c.notNull())
		.execute();
	await db.schema.alterTable('outbox_message').addColumn('headers', 'text').execute();
	await db.schema.alterTable('outbox_message').addColumn('campaign_id', 'integer').execute();
	// outbox_attachment.content_id (inline images) came with 2026-11-29T1110_company_profile.
	await db.schema
		.alterTable('outbox_attachment')
		.addColumn('blob_id', 'integer', (c) => c.references('mail_blob.id'))
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('outbox_attachment').dropColumn('blob_id').execute();
	await db.schema.alterTable('outbox_message').dropColumn('campaign_id').execute();
	await db.schema.alterTable('outbox_message').dropColumn('headers').execute();
	for (const table of [
		'mail_blob',
		'recurring_greeting',
		'greeting_unsubscribe_token',
		'campaign_recipient',
		'campaign_audience_edit',
		'campaign_template',
		'campaign'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
