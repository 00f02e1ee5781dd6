import { sql, type Kysely } from 'kysely';

// The programme (issue 9): agenda items and their speakers, tour groups and their members,
// banquet segments, tables and seats, keep-apart pairs, MC lines, and per-gathering state
// (designated guest, running late, entrance). People in tours and seats are named by a
// person key ('i12' an invitee, 'i12c0' their first companion), so companions can get rows of
// their own later without changing these tables.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('gathering')
		.addColumn('agenda_zh', 'text', (c) => c.notNull().defaultTo(''))
		.execute();
	await db.schema
		.alterTable('gathering')
		.addColumn('agenda_en', 'text', (c) => c.notNull().defaultTo(''))
		.execute();

	await db.schema
		.createTable('program_item')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('gathering_id', 'integer', (c) =>
			c.notNull().references('gathering.id').onDelete('cascade')
		)
		.addColumn('starts_at', 'text', (c) => c.notNull())
		.addColumn('ends_at', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('title_zh', 'text', (c) => c.notNull())
		.addColumn('title_en', 'text', (c) => c.notNull())
		.addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('staff_notes', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('guest_notes_zh', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('guest_notes_en', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('parallel', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('program_item_gathering')
		.on('program_item')
		.columns(['gathering_id', 'starts_at'])
		.execute();

	await db.schema
		.createTable('program_item_person')
		.addColumn('item_id', 'integer', (c) =>
			c.notNull().references('program_item.id').onDelete('cascade')
		)
		.addColumn('invitee_id', 'integer', (c) =>
			c.notNull().references('invitee.id').onDelete('cascade')
		)
		.addPrimaryKeyConstraint('program_item_person_pk', ['item_id', 'invitee_id'])
		.execute();

	await db.schema
		.createTable('tour_group')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('gathering_id', 'integer', (c) =>
			c.notNull().references('gathering.id').onDelete('cascade')
		)
		.addColumn('item_id', 'integer', (c) =>
			c.notNull().references('program_item.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('guide_invitee_id', 'integer', (c) =>
			c.references('invitee.id').onDelete('set null')
		)
		.addColumn('language', 'text', (c) => c.notNull().defaultTo('zh'))
		.addColumn('capacity', 'integer', (c) => c.notNull())
		.addColumn('start_offset_min', 'integer', (c) => c.notNull().defaultTo(0))
		/** JSON array of { place, minutes, safety }. */
		.addColumn('route', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();

	await db.schema
		.createTable('tour_member')
		.addColumn('gathering_id', 'integer', (c) =>
			c.notNull().references('gathering.id').onDelete('cascade')
		)
		.addColumn('person_key', 'text', (c) => c.notNull())
		.addColumn('group_id', 'integer', (c) =>
			c.notNull().references('tour_group.id').onDelete('cascade')
		)
		.addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('tour_member_pk', ['gathering_id', 'person_key'])
		.execute();

	await db.schema
		.createTable('seating_table')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('gathering_id', 'integer', (c) =>
			c.notNull().references('gathering.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('seats', 'integer', (c) => c.notNull())
		.addColumn('is_head', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('grid_row', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('grid_col', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();

	await db.schema
		.createTable('seat_assignment')
		.addColumn('gathering_id', 'integer', (c) =>
			c.notNull().references('gathering.id').onDelete('cascade')
		)
		.addColumn('person_key', 'text', (c) => c.notNull())
		.addColumn('table_id', 'integer', (c) =>
			c.notNull().references('seating_table.id').onDelete('cascade')
		)
		.addColumn('seat', 'integer', (c) => c.notNull())
		.addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('seat_assignment_pk', ['gathering_id', 'person_key'])
		.execute();

	await db.schema
		.createTable('keep_apart')
		.addColumn('gathering_id', 'integer', (c) =>
			c.notNull().references('gathering.id').onDelete('cascade')
		)
		.addColumn('person_a', 'text', (c) => c.notNull())
		.addColumn('person_b', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('keep_apart_pk', ['gathering_id', 'person_a', 'person_b'])
		.execute();

	await db.schema
		.createTable('banquet_segment')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('gathering_id', 'integer', (c) =>
			c.notNull().references('gathering.id').onDelete('cascade')
		)
		.addColumn('item_id', 'integer', (c) =>
			c.notNull().references('program_item.id').onDelete('cascade')
		)
		.addColumn('sort', 'integer', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('invitee_id', 'integer', (c) => c.references('invitee.id').onDelete('set null'))
		.addColumn('minutes', 'integer', (c) => c.notNull())
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.execute();

	await db.schema
		.createTable('mc_line')
		.addColumn('gathering_id', 'integer', (c) =>
			c.notNull().references('gathering.id').onDelete('cascade')
		)
		.addColumn('person_key', 'text', (c) => c.notNull())
		.addColumn('locale', 'text', (c) => c.notNull().check(sql`locale in ('zh-CN','en')`))
		.addColumn('text', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('mc_line_pk', ['gathering_id', 'person_key', 'locale'])
		.execute();

	await db.schema
		.createTable('program_state')
		.addColumn('gathering_id', 'integer', (c) =>
			c.primaryKey().references('gathering.id').onDelete('cascade')
		)
		.addColumn('designated_invitee_id', 'integer', (c) =>
			c.references('invitee.id').onDelete('set null')
		)
		.addColumn('late_minutes', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('late_updated_at', 'text')
		.addColumn('entrance', 'text', (c) => c.notNull().defaultTo('bottom'))
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'program_state',
		'mc_line',
		'banquet_segment',
		'keep_apart',
		'seat_assignment',
		'seating_table',
		'tour_member',
		'tour_group',
		'program_item_person',
		'program_item'
	]) {
		await db.schema.dropTable(table).execute();
	}
	await db.schema.alterTable('gathering').dropColumn('agenda_en').execute();
	await db.schema.alterTable('gathering').dropColumn('agenda_zh').execute();
}
