import type { Kysely } from 'kysely';
import { pinyin } from 'pinyin-pro';

// A sort key for account names: Chinese names sort by pinyin (华联 → hualian), as people expect,
// rather than by code point. Kept here, not imported from app code: migrations are frozen.
function sortKey(name: string): string {
	return pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
		.join('')
		.toLowerCase()
		.replace(/\s+/g, '');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('account')
		.addColumn('name_sort', 'text', (c) => c.notNull().defaultTo(''))
		.execute();
	const rows: { id: number; name: string }[] = await db
		.selectFrom('account')
		.select(['id', 'name'])
		.execute();
	for (const row of rows) {
		await db
			.updateTable('account')
			.set({ name_sort: sortKey(row.name) })
			.where('id', '=', row.id)
			.execute();
	}
	await db.schema.createIndex('account_name_sort').on('account').column('name_sort').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('account_name_sort').execute();
	await db.schema.alterTable('account').dropColumn('name_sort').execute();
}
