import type { Kysely } from 'kysely';

/**
 * The time and place the accepted guests last heard of (JSON), kept from the first schedule
 * change after an announcement until the update email goes out, so that email can say what
 * changed (old → new). Null: the guests know the current schedule.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('gathering').addColumn('announced_schedule', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('gathering').dropColumn('announced_schedule').execute();
}
