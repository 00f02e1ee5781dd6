import type { Kysely } from 'kysely';

// Foreign keys of the programme and greetings tables that no index led with: deleting a gathering,
// an invitee or a contact scanned these tables (tests/integration/indexes.test.ts checks every
// foreign key with EXPLAIN QUERY PLAN).
const INDEXES: [name: string, table: string, column: string][] = [
	['program_item_person_invitee', 'program_item_person', 'invitee_id'],
	['tour_group_guide', 'tour_group', 'guide_invitee_id'],
	['tour_group_gathering', 'tour_group', 'gathering_id'],
	['seating_table_gathering', 'seating_table', 'gathering_id'],
	['banquet_segment_invitee', 'banquet_segment', 'invitee_id'],
	['banquet_segment_gathering', 'banquet_segment', 'gathering_id'],
	['program_state_designated', 'program_state', 'designated_invitee_id'],
	['campaign_audience_edit_contact', 'campaign_audience_edit', 'contact_id'],
	['campaign_recipient_contact', 'campaign_recipient', 'contact_id'],
	['greeting_unsubscribe_token_contact', 'greeting_unsubscribe_token', 'contact_id']
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const [name, table, column] of INDEXES) {
		await db.schema.createIndex(name).on(table).column(column).execute();
	}
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const [name] of INDEXES) {
		await db.schema.dropIndex(name).execute();
	}
}
