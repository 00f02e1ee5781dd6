import type Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * A consistent copy of a live database through SQLite's online backup API: safe while the app
 * keeps writing (WAL), and the copy is a plain database file that can be copied back to restore.
 */
export async function backupDatabase(sqlite: Database.Database, target: string): Promise<number> {
	const path = resolve(target);
	if (existsSync(path)) {
		throw new Error(`${path} already exists; choose a new file name`);
	}
	mkdirSync(dirname(path), { recursive: true });
	const result = await sqlite.backup(path);
	return result.totalPages;
}
