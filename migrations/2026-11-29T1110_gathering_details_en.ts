import type { Kysely } from 'kysely';

/**
 * English versions of the details a guest reads. The existing columns (venue_name, venue_address,
 * dress_code, bring_notes, host_name) keep the Chinese text; null here means "not given in
 * English", and an English guest then sees the Chinese text (the invitation preview warns).
 */
const COLUMNS = [
	'venue_name_en',
	'venue_address_en',
	'dress_code_en',
	'bring_notes_en',
	'host_name_en'
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const column of COLUMNS) {
		await db.schema.alterTable('gathering').addColumn(column, 'text').execute();
	}
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const column of COLUMNS) {
		await db.schema.alterTable('gathering').dropColumn(column).execute();
	}
}
