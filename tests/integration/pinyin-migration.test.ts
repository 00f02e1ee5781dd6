import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '$lib/server/db';
import { bundledMigrations, migrateToLatest } from '$lib/server/db/migrate';

let db: Db | null = null;
afterEach(async () => {
	await db?.destroy();
	db = null;
});

describe('the migration that rebuilds pinyin keys', () => {
	it('turns keys stored without ü ("l" for 吕) into searchable ones ("lv")', async () => {
		db = createDb(':memory:');
		const migrator = new Migrator({ db, provider: bundledMigrations() });
		const before = await migrator.migrateTo('2026-11-23T1900_outbox_claimable');
		expect(before.error).toBeUndefined();
		const now = new Date().toISOString();
		const account = await db
			.insertInto('account')
			.values({
				name: '吕氏商行',
				channel: 'other',
				name_sort: 'lshixh',
				created_at: now,
				updated_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('contact')
			.values({
				account_id: account.id,
				name: '吕绿',
				name_pinyin: 'll',
				name_initials: 'll',
				created_at: now,
				updated_at: now
			})
			.execute();

		await migrateToLatest(db, bundledMigrations());

		const contact = await db
			.selectFrom('contact')
			.select(['name_pinyin', 'name_initials'])
			.executeTakeFirstOrThrow();
		expect(contact).toEqual({ name_pinyin: 'lvlv', name_initials: 'll' });
		const sorted = await db.selectFrom('account').select('name_sort').executeTakeFirstOrThrow();
		expect(sorted.name_sort).toBe('lvshishanghang');
	});
});
