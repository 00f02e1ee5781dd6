import type { Kysely } from 'kysely';

/**
 * Occasions for greetings: a contact's lunar birthday (农历生日, lunar 'MM-DD'), an account's
 * anniversary ('MM-DD' and the year it began), and festivals an admin adds to the calendar.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('contact').addColumn('lunar_birthday', 'text').execute();
	await db.schema.alterTable('account').addColumn('anniversary', 'text').execute();
	await db.schema.alterTable('account').addColumn('anniversary_year', 'integer').execute();
	await db.schema
		.createTable('greeting_occasion')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('name_zh', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text', (c) => c.notNull())
		.addColumn('month_day', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('greeting_occasion').execute();
	await db.schema.alterTable('account').dropColumn('anniversary_year').execute();
	await db.schema.alterTable('account').dropColumn('anniversary').execute();
	await db.schema.alterTable('contact').dropColumn('lunar_birthday').execute();
}
