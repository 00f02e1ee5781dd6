import { sql, type Kysely } from 'kysely';

/**
 * The company's logo, stored in the database (one row) so backups carry it; and a Content-ID
 * on outbox attachments, so emails embed the logo inline (cid:) instead of linking a remote image.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('company_logo')
		.addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
		.addColumn('content', 'blob', (c) => c.notNull())
		.addColumn('content_type', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.alterTable('outbox_attachment').addColumn('content_id', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('outbox_attachment').dropColumn('content_id').execute();
	await db.schema.dropTable('company_logo').execute();
}
