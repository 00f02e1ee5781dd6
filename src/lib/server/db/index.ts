import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, type Transaction } from 'kysely';
import { config } from '../config';
import { GalaSqliteDialect } from './dialect';
import type { DB } from './schema';

export type Db = Kysely<DB>;
/** What repositories take first: the database or a transaction running on it. */
export type Executor = Kysely<DB> | Transaction<DB>;

export function openSqlite(path: string): Database.Database {
	if (path !== ':memory:') {
		mkdirSync(dirname(path), { recursive: true });
	}
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	return sqlite;
}

export function createDb(path: string): Db {
	return new Kysely<DB>({ dialect: new GalaSqliteDialect(openSqlite(path)) });
}

let shared: Db | null = null;

/** The app's one database handle, opened on first use from DATABASE_PATH. */
export function getDb(): Db {
	shared ??= createDb(config.databasePath);
	return shared;
}

export async function closeDb(): Promise<void> {
	if (shared) {
		const db = shared;
		shared = null;
		await db.destroy();
	}
}
