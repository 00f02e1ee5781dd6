import type { Kysely } from 'kysely';
import { pinyin } from 'pinyin-pro';

// Stored pinyin keys were made without `v: true`, so 吕 was stored as "l" and "lv" found nothing.
// Rebuilds every contact's name keys and every account's sort key the way the app now makes them
// (src/lib/server/text/pinyin.ts). Kept here, not imported: migrations are frozen in time.

const HAN = /\p{Script=Han}/u;

function nameKeys(name: string): { name_pinyin: string; name_initials: string } {
	const words = HAN.test(name)
		? pinyin(name.trim(), { toneType: 'none', type: 'array', v: true, surname: 'head' })
		: name.toLowerCase().split(/\s+/);
	const letters = words.map((w) => w.toLowerCase().replace(/[^a-z]/g, '')).filter(Boolean);
	return { name_pinyin: letters.join(''), name_initials: letters.map((w) => w[0]).join('') };
}

function sortKey(text: string): string {
	return pinyin(text, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' })
		.join('')
		.toLowerCase()
		.replace(/\s+/g, '');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	const contacts: { id: number; name: string }[] = await db
		.selectFrom('contact')
		.select(['id', 'name'])
		.execute();
	for (const contact of contacts) {
		await db
			.updateTable('contact')
			.set(nameKeys(contact.name))
			.where('id', '=', contact.id)
			.execute();
	}
	const accounts: { id: number; name: string }[] = await db
		.selectFrom('account')
		.select(['id', 'name'])
		.execute();
	for (const account of accounts) {
		await db
			.updateTable('account')
			.set({ name_sort: sortKey(account.name) })
			.where('id', '=', account.id)
			.execute();
	}
}

// The old keys were lossy (ü dropped); the new ones are a superset for search, so nothing to undo.
export async function down(): Promise<void> {}
