import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('gathering')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('uid', 'text', (c) => c.notNull().unique())
		.addColumn('title_zh', 'text', (c) => c.notNull())
		.addColumn('title_en', 'text', (c) => c.notNull())
		.addColumn('description_zh', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('description_en', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('venue_name', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('venue_address', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('map_url', 'text')
		.addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Asia/Shanghai'))
		.addColumn('starts_at', 'text', (c) => c.notNull())
		.addColumn('ends_at', 'text', (c) => c.notNull())
		.addColumn('rsvp_deadline', 'text')
		.addColumn('capacity', 'integer')
		.addColumn('companions_allowed', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('dress_code', 'text')
		.addColumn('bring_notes', 'text')
		.addColumn('host_name', 'text')
		.addColumn('host_phone', 'text')
		.addColumn('host_email', 'text')
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('draft')
				.check(sql`status in ('draft','open','closed','done')`)
		)
		.addColumn('reminder_days_before', 'integer')
		.addColumn('reminder_sent_at', 'text')
		.addColumn('ics_sequence', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('badge_palette', 'text')
		.addColumn('created_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('gathering_starts').on('gathering').column('starts_at').execute();

	await db.schema
		.createTable('invitee')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('gathering_id', 'integer', (c) =>
			c.notNull().references('gathering.id').onDelete('cascade')
		)
		.addColumn('contact_id', 'integer', (c) => c.references('contact.id').onDelete('restrict'))
		.addColumn('staff_member_id', 'integer', (c) =>
			c.references('staff_member.id').onDelete('restrict')
		)
		.addColumn('walk_in_name', 'text')
		.addColumn('walk_in_name_latin', 'text')
		.addColumn('walk_in_company', 'text')
		.addColumn('walk_in_title', 'text')
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('guest','executive','staff')`))
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('not_invited')
				.check(sql`status in ('not_invited','invited','accepted','declined')`)
		)
		.addColumn('answer_source', 'text', (c) =>
			c.check(sql`answer_source in ('link','phone','staff','walk_in')`)
		)
		.addColumn('answered_at', 'text')
		.addColumn('invited_at', 'text')
		.addColumn('last_reminded_at', 'text')
		.addColumn('companions_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('companion_names', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('dietary', 'text')
		.addColumn('tour_language', 'text')
		.addColumn('arrival_details', 'text')
		.addColumn('message_to_host', 'text')
		.addColumn('table_number', 'text')
		.addColumn('tour_group', 'text')
		.addColumn('checkin_code', 'text', (c) => c.notNull().unique())
		.addColumn('checked_in_at', 'text')
		.addColumn('checked_in_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('companions_arrived', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('pack_handed_at', 'text')
		.addColumn('badge_printed_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addCheckConstraint(
			'invitee_one_person',
			sql`(contact_id is not null) + (staff_member_id is not null) + (walk_in_name is not null) = 1`
		)
		.execute();
	await db.schema
		.createIndex('invitee_gathering_contact')
		.on('invitee')
		.columns(['gathering_id', 'contact_id'])
		.unique()
		.where(sql.ref('contact_id'), 'is not', null)
		.execute();
	await db.schema
		.createIndex('invitee_gathering_staff')
		.on('invitee')
		.columns(['gathering_id', 'staff_member_id'])
		.unique()
		.where(sql.ref('staff_member_id'), 'is not', null)
		.execute();
	await db.schema
		.createIndex('invitee_gathering_status')
		.on('invitee')
		.columns(['gathering_id', 'status'])
		.execute();

	await db.schema
		.createTable('rsvp_token')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('invitee_id', 'integer', (c) =>
			c.notNull().references('invitee.id').onDelete('cascade')
		)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('revoked_at', 'text')
		.execute();
	await db.schema.createIndex('rsvp_token_invitee').on('rsvp_token').column('invitee_id').execute();

	await db.schema
		.createTable('rsvp_throttle')
		.addColumn('address', 'text', (c) => c.primaryKey())
		.addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('window_start', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('phone_call')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('gathering_id', 'integer', (c) =>
			c.notNull().references('gathering.id').onDelete('cascade')
		)
		.addColumn('invitee_id', 'integer', (c) =>
			c.notNull().references('invitee.id').onDelete('cascade')
		)
		.addColumn('called_at', 'text', (c) => c.notNull())
		.addColumn('user_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('outcome', 'text', (c) =>
			c.notNull().check(sql`outcome in ('confirmed','declined','no_answer','call_back')`)
		)
		.addColumn('note', 'text')
		.execute();
	await db.schema.createIndex('phone_call_invitee').on('phone_call').column('invitee_id').execute();

	await db.schema
		.createTable('gathering_material')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('gathering_id', 'integer', (c) =>
			c.notNull().references('gathering.id').onDelete('cascade')
		)
		.addColumn('filename', 'text', (c) => c.notNull())
		.addColumn('content_type', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('content', 'blob', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'gathering_material',
		'phone_call',
		'rsvp_throttle',
		'rsvp_token',
		'invitee',
		'gathering'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
