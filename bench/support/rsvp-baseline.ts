/**
 * The RSVP benchmark's baseline: a bare node:http server doing the same SQLite write as one
 * answer (parse the form, find the invitee by token hash, a prepared UPDATE), and nothing else.
 * Run as a child process by bench/rsvp.ts: `tsx bench/support/rsvp-baseline.ts DB PORT`.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

const [dbPath, port] = process.argv.slice(2);
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
const update = db.prepare(
	`update invitee set status = ?, answer_source = 'link', answered_at = ?, companions_count = ?,
	   companion_names = ?, dietary = ?, updated_at = ?
	 where id = (select invitee_id from rsvp_token where token_hash = ? and revoked_at is null)`
);

createServer((req, res) => {
	const chunks: Buffer[] = [];
	req.on('data', (c: Buffer) => chunks.push(c));
	req.on('end', () => {
		const token = (req.url ?? '').split('/')[2] ?? '';
		const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
		const names = form.getAll('companions').filter(Boolean);
		const now = new Date().toISOString();
		const hash = createHash('sha256').update(token).digest('hex');
		const result = update.run(
			form.get('answer'),
			now,
			names.length,
			JSON.stringify(names),
			form.get('dietary'),
			now,
			hash
		);
		res.writeHead(result.changes ? 303 : 404, { location: `/rsvp/${token}?done=1` });
		res.end();
	});
}).listen(Number(port), '127.0.0.1', () => console.log('ready'));
