import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Kysely, type CompiledQuery } from 'kysely';
import type Database from 'better-sqlite3';
import { openSqlite } from '$lib/server/db';
import { GalaSqliteDialect } from '$lib/server/db/dialect';
import { bundledMigrations, migrateToLatest } from '$lib/server/db/migrate';
import type { DB } from '$lib/server/db/schema';
import { countGuestListEntries } from '$lib/server/contacts/repository';
import { countStaffInvitations } from '$lib/server/host/repository';
import { listCalls } from '$lib/server/invitations/repository';
import { deleteMaterial, findMaterial, listMaterials } from '$lib/server/materials/repository';

// Each query is planned by SQLite itself (EXPLAIN QUERY PLAN) on the real schema: a plan line
// "SCAN <table>" (without "USING … INDEX") reads the whole table.

let sqlite: Database.Database;
let db: Kysely<DB>;
let captured: CompiledQuery[];

beforeEach(async () => {
	sqlite = openSqlite(':memory:');
	captured = [];
	db = new Kysely<DB>({
		dialect: new GalaSqliteDialect(sqlite),
		log: (event) => {
			if (event.level === 'query') {
				captured.push(event.query);
			}
		}
	});
	await migrateToLatest(db, bundledMigrations());
	captured = [];
});

afterEach(async () => {
	await db.destroy();
});

function fullScans(query: string, parameters: readonly unknown[]): string[] {
	const plan = sqlite.prepare(`explain query plan ${query}`).all(...parameters) as {
		detail: string;
	}[];
	return plan.map((row) => row.detail).filter((d) => /^SCAN /.test(d));
}

/** Runs one repository call and returns the full scans in the plans of the SQL it ran. */
async function scansOf(run: () => Promise<unknown>): Promise<string[]> {
	captured = [];
	await run();
	expect(captured.length).toBeGreaterThan(0);
	return captured.flatMap((q) => fullScans(q.sql, q.parameters));
}

describe('indexes behind the queries', () => {
	it('counts a contact’s and a staff member’s guest-list entries through an index', async () => {
		expect(await scansOf(() => countGuestListEntries(db, 1))).toEqual([]);
		expect(await scansOf(() => countStaffInvitations(db, 1))).toEqual([]);
	});

	it('lists a gathering’s calls and materials through an index', async () => {
		expect(await scansOf(() => listCalls(db, 1))).toEqual([]);
		expect(await scansOf(() => listMaterials(db, 1))).toEqual([]);
		expect(await scansOf(() => findMaterial(db, 1, 1))).toEqual([]);
		expect(await scansOf(() => deleteMaterial(db, 1, 1))).toEqual([]);
	});

	it('finds the rows that point at a deleted row through an index (every foreign key)', () => {
		// Deleting a gathering, invitee, contact or staff member makes SQLite look up every row
		// referencing it (ON DELETE CASCADE / SET NULL / RESTRICT); without an index on the
		// referencing column that is a full scan of the child table for each deleted row.
		// Users are disabled, never deleted, so columns naming a user are left out.
		const deletable = new Set(['gathering', 'invitee', 'contact', 'account', 'staff_member']);
		const tables = sqlite
			.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
			.all() as { name: string }[];
		const unindexed: string[] = [];
		const keys: string[] = [];
		for (const { name } of tables) {
			const list = sqlite.prepare(`select * from pragma_foreign_key_list(?)`).all(name) as {
				from: string;
				table: string;
			}[];
			for (const key of list) {
				keys.push(`${name}.${key.from}`);
				if (deletable.has(key.table)) {
					const scans = fullScans(`select 1 from "${name}" where "${key.from}" = 1`, []);
					if (scans.length > 0) {
						unindexed.push(`${name}.${key.from} -> ${key.table}`);
					}
				}
			}
		}
		expect(keys).toContain('outbox_message.invitee_id');
		expect(unindexed).toEqual([]);
	});
});
