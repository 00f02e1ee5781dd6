/**
 * The app's greeting work in a process of its own for the crash test: the greeting dispatcher
 * and the outbox worker against a SQLite file, until killed. A short lease (2 s: long enough for a send on a busy machine) and tick, so a restart
 * takes over a dead process's claims quickly.
 * `node --import tsx greetings-child.ts DB PORT`; relative imports (no Vite here).
 */
import { createDb } from '../../../src/lib/server/db/index';
import { createSmtpTransport } from '../../../src/lib/server/mail/transport';
import { MailWorker } from '../../../src/lib/server/mail/worker';
import { startGreetingDispatcher } from '../../../src/lib/server/greetings/dispatcher';

const [path, port] = process.argv.slice(2);
const db = createDb(path);
const worker = new MailWorker({
	db,
	transport: createSmtpTransport(`smtp://127.0.0.1:${port}`, { maxConnections: 2 }),
	mailFrom: 'gala@example.com',
	ownsTransport: true,
	concurrency: 4,
	pollMs: 50,
	leaseMs: 2000
});
worker.start();
startGreetingDispatcher(db, 50);
setInterval(() => {}, 60_000);
process.stdout.write('ready\n');
