import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import {
	caseInsensitiveContains,
	caseInsensitiveEquals,
	caseInsensitiveStartsWith,
	countWhere,
	greatest,
	joinedText,
	jsonArrayAgg,
	least
} from '$lib/server/db/sql';
import { createTestDb } from '../helpers/db';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
	await db.schema.createTable('t').addColumn('v', 'text').addColumn('n', 'integer').execute();
	await sql`insert into t (v, n) values ('Rate 50%', 1), ('Rate 500', 2), ('a_b', 3), ('axb', 4)`.execute(
		db
	);
});
afterEach(async () => {
	await db.destroy();
});

const values = (rows: { v: string | null }[]) => rows.map((r) => r.v);

describe('SQLite-only SQL behind named helpers', () => {
	it('matches text in any case, and treats % and _ as themselves', async () => {
		const where = (test: (v: ReturnType<typeof sql.ref>) => ReturnType<typeof sql>) =>
			db
				.selectFrom('t' as never)
				.select(sql<string>`v`.as('v'))
				.where(test(sql.ref('v')) as never)
				.orderBy(sql`n`)
				.execute();
		expect(values(await where((v) => caseInsensitiveContains(v, 'rate 50%')))).toEqual([
			'Rate 50%'
		]);
		expect(values(await where((v) => caseInsensitiveContains(v, 'A_B')))).toEqual(['a_b']);
		expect(values(await where((v) => caseInsensitiveStartsWith(v, 'RATE')))).toEqual([
			'Rate 50%',
			'Rate 500'
		]);
		expect(values(await where((v) => caseInsensitiveEquals(v, 'AXB')))).toEqual(['axb']);
	});

	it('counts, joins and compares as their names say', async () => {
		const row = await db
			.selectFrom('t' as never)
			.select([
				countWhere(sql`n > 2`).as('big'),
				countWhere(sql`n > 9`).as('none'),
				joinedText(sql`n`, '|').as('joined'),
				jsonArrayAgg(sql`n`).as('json'),
				least(sql<number>`min(n)`, 0).as('low'),
				greatest(sql<number>`max(n)`, 10).as('high')
			])
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({ big: 2, none: 0, low: 0, high: 10 });
		expect(String(row.joined).split('|').sort()).toEqual(['1', '2', '3', '4']);
		expect((JSON.parse(row.json) as number[]).sort()).toEqual([1, 2, 3, 4]);
	});
});
