import { sql, type Kysely } from 'kysely';

/**
 * Sign-in throttling taken in one statement per attempt (INSERT … ON CONFLICT … RETURNING), before
 * the password is checked, so a parallel burst cannot read "not locked" many times over. Times are
 * epoch milliseconds so the statement can do its arithmetic in SQL. Each row carries its own limits
 * (free failures, longest lock), so one statement serves the address, account and pair keys.
 * Replaces login_throttle, whose read-then-write let parallel attempts through.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('login_throttle').execute();
	await db.schema
		.createTable('sign_in_throttle')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('failures', 'integer', (c) => c.notNull())
		.addColumn('free_failures', 'integer', (c) => c.notNull())
		.addColumn('max_lock_ms', 'integer', (c) => c.notNull())
		.addColumn('locked_until', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('updated_at', 'integer', (c) => c.notNull())
		.addColumn('allowed', 'integer', (c) => c.notNull())
		.execute();
	await sql`create index sign_in_throttle_updated on sign_in_throttle (updated_at)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('sign_in_throttle').execute();
	await db.schema
		.createTable('login_throttle')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('last_failure_at', 'text', (c) => c.notNull())
		.addColumn('locked_until', 'text')
		.execute();
}
