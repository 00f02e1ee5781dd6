/**
 * The app's background work as `node build` starts it (startBackgroundWork), without the HTTP
 * server: for the graceful-stop test. Configured by environment (DATABASE_PATH, SMTP_URL,
 * MAIL_FROM) like the app. On SIGTERM it does what adapter-node does once its server has closed:
 * emit `sveltekit:shutdown`, and let the process end by itself.
 */
import { startBackgroundWork } from '../../../src/lib/server/background';
import { createDb } from '../../../src/lib/server/db/index';

startBackgroundWork(createDb(process.env.DATABASE_PATH!));
// Background timers are unref'd (they must not keep the app alive); this stands in for the server.
const server = setInterval(() => {}, 60_000);
process.once('SIGTERM', () => {
	clearInterval(server);
	// Node's types list only its own process events for emit().
	(process.emit as (event: string, reason: string) => boolean)('sveltekit:shutdown', 'SIGTERM');
});
process.stdout.write('ready\n');
