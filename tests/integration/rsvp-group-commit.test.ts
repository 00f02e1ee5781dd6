import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { createTestDb } from '../helpers/db';
import { inGroupTransaction } from '$lib/server/rsvp/group-commit';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.destroy();
});

async function put(trx: Parameters<Parameters<typeof inGroupTransaction>[1]>[0], key: string) {
	await trx.insertInto('setting').values({ key, value: key }).execute();
}

async function keys(): Promise<string[]> {
	const rows = await db.selectFrom('setting').select('key').orderBy('key').execute();
	return rows.map((r) => r.key);
}

describe('answers sharing a transaction', () => {
	it('keeps each answer all or nothing: a failure after its writes rolls back only its own rows', async () => {
		const results = await Promise.allSettled([
			inGroupTransaction(db, async (trx) => {
				await put(trx, 'a1');
				return 'a';
			}),
			inGroupTransaction(db, async (trx) => {
				await put(trx, 'b1');
				await put(trx, 'b2');
				throw new Error('b failed after writing');
			}),
			inGroupTransaction(db, async (trx) => {
				await put(trx, 'c1');
				return 'c';
			})
		]);
		expect(results.map((r) => (r.status === 'fulfilled' ? r.value : String(r.reason)))).toEqual([
			'a',
			'Error: b failed after writing',
			'c'
		]);
		expect(await keys()).toEqual(['a1', 'c1']);
	});

	it('resolves once the rows are committed; a failing statement fails only its own answer', async () => {
		const done = inGroupTransaction(db, async (trx) => {
			await put(trx, 'x');
			return 'x';
		});
		await expect(done).resolves.toBe('x');
		expect(await keys()).toEqual(['x']);
		// A duplicate key inside the group is that answer's own failure, not the others'.
		const again = await Promise.allSettled([
			inGroupTransaction(db, (trx) => put(trx, 'x')),
			inGroupTransaction(db, (trx) => put(trx, 'y'))
		]);
		expect(again.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
		expect(await keys()).toEqual(['x', 'y']);
	});
});
