/**
 * The app's background work as `node build` starts it (startBackgroundWork, with its SIGTERM
 * handler), without the HTTP server: for the graceful-stop test. Configured by environment
 * (DATABASE_PATH, SMTP_URL, MAIL_FROM) like the app.
 */
import { startBackgroundWork } from '../../../src/lib/server/background';
import { createDb } from '../../../src/lib/server/db/index';

startBackgroundWork(createDb(process.env.DATABASE_PATH!));
// Background timers are unref'd (they must not keep the app alive); this stands in for the server.
setInterval(() => {}, 60_000);
process.stdout.write('ready\n');
