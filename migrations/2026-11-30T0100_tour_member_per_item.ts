import { sql, type Kysely } from 'kysely';

// A gathering may have several tour items (a morning and an afternoon tour): a person is in one
// group per tour item, not one per gathering. tour_member gains the group's item and its key
// becomes (item_id, person_key). SQLite cannot change a primary key, so the table is rebuilt.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('tour_member_new')
		.addColumn('gathering_id', 'integer', (c) =>
			c.notNull().references('gathering.id').onDelete('cascade')
		)
		.addColumn('item_id', 'integer', (c) =>
			c.notNull().references('program_item.id').onDelete('cascade')
		)
		.addColumn('person_key', 'text', (c) => c.notNull())
		.addColumn('group_id', 'integer', (c) =>
			c.notNull().references('tour_group.id').onDelete('cascade')
		)
		.addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('tour_member_pk', ['item_id', 'person_key'])
		.execute();
	await sql`insert into tour_member_new (gathering_id, item_id, person_key, group_id, pinned)
		select tm.gathering_id, tg.item_id, tm.person_key, tm.group_id, tm.pinned
		from tour_member tm join tour_group tg on tg.id = tm.group_id`.execute(db);
	await db.schema.dropTable('tour_member').execute();
	await db.schema.alterTable('tour_member_new').renameTo('tour_member').execute();
	// A person's groups across a gathering's tours (badge line, RSVP page, calendar).
	await db.schema
		.createIndex('tour_member_person')
		.on('tour_member')
		.columns(['gathering_id', 'person_key'])
		.execute();
	await db.schema.createIndex('tour_member_group').on('tour_member').column('group_id').execute();
}

// Back to one group per gathering: of a person's groups, the one of the earliest tour stays.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('tour_member_old')
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
	await sql`insert or ignore into tour_member_old (gathering_id, person_key, group_id, pinned)
		select tm.gathering_id, tm.person_key, tm.group_id, tm.pinned
		from tour_member tm join program_item it on it.id = tm.item_id
		order by it.starts_at, it.id`.execute(db);
	await db.schema.dropTable('tour_member').execute();
	await db.schema.alterTable('tour_member_old').renameTo('tour_member').execute();
}
