/**
 * The RSVP benchmark's baselines: bare node:http servers, no framework, prepared statements.
 * Run as a child process by bench/rsvp.ts:
 *   `tsx bench/support/rsvp-baseline.ts DB PORT update` — parse the form, find the invitee by
 *     token hash, one prepared UPDATE of the answer (the original baseline, autocommit);
 *   `tsx bench/support/rsvp-baseline.ts DB PORT writes HTML_CHARS TEXT_CHARS ICS_BYTES` — the
 *     same rows Gala writes for an answer, in one transaction: the invitee UPDATE, the history
 *     row, the confirmation email (pre-rendered html/text of the sizes Gala wrote) and its .ics
 *     attachment. Nothing is rendered, validated or localised here; that is Gala's own work.
 */
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

const [dbPath, port, mode = 'update', htmlChars, textChars, icsBytes] = process.argv.slice(2);
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');

const findInvitee = db.prepare<[string], { id: number; gathering_id: number; status: string }>(
	`select i.id, i.gathering_id, i.status from rsvp_token t join invitee i on i.id = t.invitee_id
	 where t.token_hash = ? and t.revoked_at is null`
);
const updateByToken = db.prepare(
	`update invitee set status = ?, answer_source = 'link', answered_at = ?, dietary = ?, updated_at = ?
	 where id = (select invitee_id from rsvp_token where token_hash = ? and revoked_at is null)`
);
const updateById = db.prepare(
	`update invitee set status = ?, answer_source = 'link', answered_at = ?, dietary = ?,
	   tour_language = ?, arrival_details = ?, message_to_host = ?, updated_at = ?
	 where id = ? and gathering_id = ?`
);
// Companions are entries of their own (as the app stores them since migration 2026-11-29T1100).
const deleteCompanions = db.prepare(`delete from invitee_companion where invitee_id = ?`);
const insertCompanion = db.prepare(
	`insert into invitee_companion (gathering_id, invitee_id, position, name, created_at)
	 values (?, ?, ?, ?, ?)`
);
const insertActivity = db.prepare(
	`insert into activity (at, user_id, action, subject_type, subject_id, account_id, gathering_id, details)
	 values (?, null, 'invitee.answered', 'invitee', ?, null, ?, ?)`
);
const insertMessage = db.prepare<unknown[], { id: number }>(
	`insert into outbox_message (dedupe_key, kind, message_id, from_name, reply_to, to_address,
	   to_name, locale, subject, html, text, next_attempt_at, gathering_id, invitee_id, created_at)
	 values (?, 'rsvp_confirmation', ?, 'Bench', null, 'guest@bench.test', 'Guest', 'zh-CN',
	   'Confirmation', ?, ?, ?, ?, ?, ?)
	 on conflict (dedupe_key) do nothing returning id`
);
const insertAttachment = db.prepare(
	`insert into outbox_attachment (message_id, filename, content_type, content)
	 values (?, 'invitation.ics', 'text/calendar; charset=utf-8; method=PUBLISH', ?)`
);
const html = 'h'.repeat(Number(htmlChars ?? 0));
const text = 't'.repeat(Number(textChars ?? 0));
const ics = Buffer.alloc(Number(icsBytes ?? 0), 'i');

/** One answer's rows, all or nothing; false when the token opens nothing. */
const writeAnswer = db.transaction((hash: string, form: URLSearchParams, names: string[]) => {
	const invitee = findInvitee.get(hash);
	if (!invitee) {
		return false;
	}
	const now = new Date().toISOString();
	updateById.run(
		form.get('answer'),
		now,
		form.get('dietary') || null,
		form.get('tour_language') || null,
		form.get('arrival_details') || null,
		form.get('message_to_host') || null,
		now,
		invitee.id,
		invitee.gathering_id
	);
	deleteCompanions.run(invitee.id);
	names.forEach((name, i) =>
		insertCompanion.run(invitee.gathering_id, invitee.id, i + 1, name, now)
	);
	insertActivity.run(
		now,
		invitee.id,
		invitee.gathering_id,
		JSON.stringify({ status: form.get('answer'), previous: invitee.status })
	);
	const message = insertMessage.get(
		`rsvp:${invitee.id}:${now}:${randomBytes(4).toString('hex')}`,
		`<${randomBytes(20).toString('hex')}@bench.test>`,
		html,
		text,
		now,
		invitee.gathering_id,
		invitee.id,
		now
	);
	if (message && ics.length > 0) {
		insertAttachment.run(message.id, ics);
	}
	return true;
});

createServer((req, res) => {
	const chunks: Buffer[] = [];
	req.on('data', (c: Buffer) => chunks.push(c));
	req.on('end', () => {
		const token = (req.url ?? '').split('/')[2] ?? '';
		const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
		const names = form.getAll('companion_name').filter(Boolean);
		const now = new Date().toISOString();
		const hash = createHash('sha256').update(token).digest('hex');
		const found =
			mode === 'writes'
				? writeAnswer(hash, form, names)
				: updateByToken.run(form.get('answer'), now, form.get('dietary'), now, hash).changes > 0;
		res.writeHead(found ? 303 : 404, { location: `/rsvp/${token}?done=1` });
		res.end();
	});
}).listen(Number(port), '127.0.0.1', () => console.log('ready'));
