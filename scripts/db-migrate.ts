import { createDb } from '../src/lib/server/db/index';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { config } from '../src/lib/server/config';
import { fileMigrations } from './migrations';

const db = createDb(config.databasePath);
try {
	const applied = await migrateToLatest(db, fileMigrations());
	console.log(
		applied.length
			? `Applied ${applied.length} migration(s) to ${config.databasePath}:\n  ${applied.join('\n  ')}`
			: `${config.databasePath} is up to date.`
	);
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
