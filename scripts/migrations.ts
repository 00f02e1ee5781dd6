import { FileMigrationProvider, type MigrationProvider } from 'kysely';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** For scripts run by tsx, which can import the .ts migrations straight from disk. */
export function fileMigrations(): MigrationProvider {
	const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations');
	return new FileMigrationProvider({ fs, path, migrationFolder: folder });
}
