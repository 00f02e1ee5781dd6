// `npm start`: installs what is missing, builds when the sources changed, and serves Gala with
// the embedded SQLite database and the in-app outbox. The app migrates the database on start.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { buildDir, ensureBuild, ensureDependencies, root } from './ensure.mjs';

ensureDependencies();
ensureBuild();

const port = process.env.PORT ?? '3000';
const database = resolve(root, process.env.DATABASE_PATH || 'data/gala.db');
const mail = process.env.SMTP_URL
	? 'mail: sent through SMTP_URL'
	: 'mail: no SMTP_URL, so nothing leaves this machine; messages wait on the Outbox page';
console.log(
	[
		'',
		`Gala: http://localhost:${port}`,
		`database: ${database} (created and migrated on start)`,
		mail,
		'first administrator: open the address above and fill in the set-up page, or run',
		'  npm run user:add -- --email you@example.com --name "Your Name" --role admin',
		''
	].join('\n')
);

const server = spawn(process.execPath, [buildDir()], {
	cwd: root,
	stdio: 'inherit',
	env: { PORT: port, ...process.env }
});
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
