import type { Kysely } from 'kysely';

/**
 * Indexes on referencing columns that had none: counting a contact's or a staff member's
 * guest-list entries, listing a gathering's calls and materials, and every delete of a
 * gathering, invitee, contact or staff member (SQLite looks up the referencing rows for ON
 * DELETE) read the whole table without them. EXPLAIN QUERY PLAN proves each in
 * tests/integration/indexes.test.ts.
 */
const indexes = [
	['invitee_contact', 'invitee', 'contact_id'],
	['invitee_staff_member', 'invitee', 'staff_member_id'],
	['phone_call_gathering', 'phone_call', 'gathering_id'],
	['gathering_material_gathering', 'gathering_material', 'gathering_id'],
	['outbox_invitee', 'outbox_message', 'invitee_id']
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const [name, table, column] of indexes) {
		await db.schema.createIndex(name).on(table).column(column).execute();
	}
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const [name] of indexes) {
		await db.schema.dropIndex(name).execute();
	}
}
