/**
 * A stand-in for the app's process in the crash test: runs the outbox worker against a SQLite
 * file and an SMTP port until it is killed.
 * `node --import tsx outbox-child.ts DB PORT CONCURRENCY [LEASE_MS|default]`
 * Relative imports: this runs outside Vite, where `$lib` does not resolve.
 */
import { createDb } from '../../../src/lib/server/db/index';
import { createSmtpTransport } from '../../../src/lib/server/mail/transport';
import { MailWorker } from '../../../src/lib/server/mail/worker';

const [path, port, concurrency, lease = '500'] = process.argv.slice(2);
const worker = new MailWorker({
	db: createDb(path),
	transport: createSmtpTransport(`smtp://127.0.0.1:${port}`, { maxConnections: 2 }),
	mailFrom: 'gala@example.com',
	ownsTransport: true,
	concurrency: Number(concurrency),
	pollMs: 50,
	// 500 ms unless told: the restarted worker takes over the dead one's claims quickly.
	leaseMs: lease === 'default' ? undefined : Number(lease)
});
worker.start();
// The worker's poll timer is unref'd (it must not keep the app alive); this one keeps us running.
setInterval(() => {}, 60_000);
process.stdout.write('ready\n');
