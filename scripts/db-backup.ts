import { openSqlite } from '../src/lib/server/db/index';
import { config } from '../src/lib/server/config';
import { backupDatabase } from '../src/lib/server/db/backup';

const target = process.argv[2];
if (!target) {
	console.error('Usage: npm run db:backup -- FILE');
	process.exit(2);
}
const sqlite = openSqlite(config.databasePath);
try {
	const pages = await backupDatabase(sqlite, target);
	console.log(`Backed up ${config.databasePath} to ${target} (${pages} pages).`);
} catch (error) {
	console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
} finally {
	sqlite.close();
}
