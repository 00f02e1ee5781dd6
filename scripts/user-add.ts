import { parseArgs } from 'node:util';
import { config } from '../src/lib/server/config';
import { createDb } from '../src/lib/server/db/index';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { DomainError } from '../src/lib/server/errors';
import { createUser, newUserSchema } from '../src/lib/server/users/service';
import { fileMigrations } from './migrations';

const usage =
	'Usage: npm run user:add -- --email EMAIL --name NAME --role admin|organizer|viewer [--password PASSWORD]\n' +
	'Without --password, the password is read from the GALA_PASSWORD environment variable.';

const { values } = parseArgs({
	options: {
		email: { type: 'string' },
		name: { type: 'string' },
		role: { type: 'string', default: 'organizer' },
		password: { type: 'string' }
	}
});

const parsed = newUserSchema.safeParse({
	email: values.email ?? '',
	name: values.name ?? '',
	role: values.role,
	password: values.password ?? process.env.GALA_PASSWORD ?? ''
});
if (!parsed.success) {
	console.error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
	console.error(usage);
	process.exit(2);
}

const db = createDb(config.databasePath);
try {
	await migrateToLatest(db, fileMigrations());
	const id = await createUser(db, parsed.data);
	console.log(
		`Created ${parsed.data.role} ${parsed.data.email} (id ${id}) in ${config.databasePath}`
	);
} catch (error) {
	console.error(error instanceof DomainError ? error.messageKey : error);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
