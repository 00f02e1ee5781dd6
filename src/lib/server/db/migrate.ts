import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './index';

/** Migrations as Vite bundles them: works in dev, in the built app and in vitest. */
export function bundledMigrations(): MigrationProvider {
	const modules = import.meta.glob<Migration>('/migrations/*.ts', { eager: true });
	return {
		async getMigrations() {
			const migrations: Record<string, Migration> = {};
			for (const [path, module] of Object.entries(modules)) {
				const name = path.split('/').pop()!.replace(/\.ts$/, '');
				migrations[name] = module;
			}
			return migrations;
		}
	};
}

/** Brings the schema to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db, provider: MigrationProvider): Promise<string[]> {
	const migrator = new Migrator({ db, provider });
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error) {
		const where = failed ? ` (${failed.migrationName})` : '';
		throw new Error(`Database migration failed${where}: ${String(error)}`, { cause: error });
	}
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
