import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('staff_member')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('user_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_latin', 'text')
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('title_en', 'text')
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('executive','staff')`))
		.addColumn('is_general_manager', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('seniority', 'integer', (c) => c.notNull().defaultTo(100))
		.addColumn('email', 'text')
		.addColumn('phone', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('account')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text')
		.addColumn('industry', 'text')
		.addColumn('region', 'text')
		.addColumn('channel', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`channel in ('distributor','wholesaler_1','wholesaler_2','ka_retailer','small_retail','other')`
				)
		)
		.addColumn('currency', 'text', (c) => c.notNull().defaultTo('CNY'))
		.addColumn('annual_sales_minor', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('annual_profit_minor', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('owner_user_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('notes', 'text')
		.addColumn('competitor_notes', 'text')
		.addColumn('last_reviewed_on', 'text')
		.addColumn('auto_tier', 'text', (c) =>
			c
				.notNull()
				.defaultTo('regular')
				.check(sql`auto_tier in ('key','regular')`)
		)
		.addColumn('auto_tier_basis', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('tier_override', 'text', (c) =>
			c.check(sql`tier_override in ('key','potential','regular')`)
		)
		.addColumn('tier_override_reason', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('account_channel').on('account').column('channel').execute();
	await db.schema.createIndex('account_owner').on('account').column('owner_user_id').execute();
	await db.schema.createIndex('account_name').on('account').column('name').execute();

	await db.schema
		.createTable('account_tag')
		.addColumn('account_id', 'integer', (c) =>
			c.notNull().references('account.id').onDelete('cascade')
		)
		.addColumn('tag', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('account_tag_pk', ['account_id', 'tag'])
		.execute();
	await db.schema.createIndex('account_tag_tag').on('account_tag').column('tag').execute();

	await db.schema
		.createTable('contact')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('account_id', 'integer', (c) =>
			c.notNull().references('account.id').onDelete('restrict')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_latin', 'text')
		.addColumn('name_pinyin', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('name_initials', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('salutation', 'text')
		.addColumn('title', 'text')
		.addColumn('email', 'text')
		.addColumn('phone', 'text')
		.addColumn('locale', 'text', (c) =>
			c
				.notNull()
				.defaultTo('zh-CN')
				.check(sql`locale in ('zh-CN','en')`)
		)
		.addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Asia/Shanghai'))
		.addColumn('working_days', 'text', (c) => c.notNull().defaultTo('1,2,3,4,5'))
		.addColumn('work_start', 'text', (c) => c.notNull().defaultTo('09:00'))
		.addColumn('work_end', 'text', (c) => c.notNull().defaultTo('18:00'))
		.addColumn('birthday', 'text')
		.addColumn('birth_year', 'integer')
		.addColumn('dietary', 'text')
		.addColumn('hobbies', 'text')
		.addColumn('style_notes', 'text')
		.addColumn('greeting_opt_out', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('notes', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('contact_account').on('contact').column('account_id').execute();
	await db.schema.createIndex('contact_name').on('contact').column('name').execute();
	await db.schema.createIndex('contact_pinyin').on('contact').column('name_pinyin').execute();
	await db.schema
		.createIndex('contact_email')
		.on('contact')
		.column('email')
		.unique()
		.where(sql.ref('email'), 'is not', null)
		.execute();

	await db.schema
		.createTable('contact_date')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('contact_id', 'integer', (c) =>
			c.notNull().references('contact.id').onDelete('cascade')
		)
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('month_day', 'text', (c) => c.notNull())
		.addColumn('year', 'integer')
		.execute();
	await db.schema
		.createIndex('contact_date_contact')
		.on('contact_date')
		.column('contact_id')
		.execute();

	await db.schema
		.createTable('activity')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('at', 'text', (c) => c.notNull())
		.addColumn('user_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('subject_type', 'text', (c) => c.notNull())
		.addColumn('subject_id', 'integer', (c) => c.notNull())
		.addColumn('account_id', 'integer')
		.addColumn('gathering_id', 'integer')
		.addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
		.execute();
	await db.schema
		.createIndex('activity_account')
		.on('activity')
		.columns(['account_id', 'id'])
		.execute();
	await db.schema
		.createIndex('activity_gathering')
		.on('activity')
		.columns(['gathering_id', 'id'])
		.execute();
	await db.schema
		.createIndex('activity_subject')
		.on('activity')
		.columns(['subject_type', 'subject_id'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'activity',
		'contact_date',
		'contact',
		'account_tag',
		'account',
		'staff_member'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
