import { config } from '../src/lib/server/config';
import { createDb } from '../src/lib/server/db/index';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { DomainError } from '../src/lib/server/errors';
import { loadDemoData } from '../src/lib/server/demo/seed';
import { fileMigrations } from './migrations';

// Loads the demo directory into DATABASE_PATH. Accounts are owned by the first active user, if any.
const db = createDb(config.databasePath);
try {
	await migrateToLatest(db, fileMigrations());
	const owner = await db
		.selectFrom('user')
		.select(['id', 'email'])
		.where('disabled_at', 'is', null)
		.orderBy('id')
		.executeTakeFirst();
	const summary = await loadDemoData(db, { ownerUserId: owner?.id ?? null });
	console.log(`Demo data loaded into ${config.databasePath}:`);
	console.log(
		`  ${summary.staff} of our people (general manager, vice presidents, managers, sales)`
	);
	console.log(
		`  ${summary.accounts} accounts in every channel, ${summary.keyAccounts} key by 80/20`
	);
	console.log(`  ${summary.contacts} contacts`);
	console.log(
		owner
			? `  accounts owned by ${owner.email}`
			: '  no user exists yet: accounts have no owner (create one with npm run user:add)'
	);
} catch (error) {
	if (error instanceof DomainError && error.messageKey === 'accounts_error_demo_exists') {
		console.error('Demo data was not loaded: this database already has accounts.');
		process.exitCode = 2;
	} else {
		console.error(error);
		process.exitCode = 1;
	}
} finally {
	await db.destroy();
}
