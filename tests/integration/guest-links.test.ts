import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ICAL from 'ical.js';
import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '$lib/server/db';
import { bundledMigrations, migrateToLatest } from '$lib/server/db/migrate';
import { createSmtpTransport } from '$lib/server/mail/transport';
import { MailWorker } from '$lib/server/mail/worker';
import { loadAttachment, loadOutboxMessage } from '$lib/server/mail/service';
import { sendInvitations } from '$lib/server/invitations/service';
import { loadRsvp, submitAnswer } from '$lib/server/rsvp/service';
import { newUser } from '../helpers/db';
import { plainAnswer } from '../helpers/rsvp';
import { addInvitee, newContact, newGathering } from '../helpers/gatherings';
import { newAccount } from '../helpers/accounts';
import { startSink, waitFor, type TestSink } from './support/mail-sink';

// "A copy of the database opens no link": the guest's link reaches the guest (over SMTP) and
// nowhere else — not a table, not a staff view of the message, not its calendar attachment.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) {
		await cleanup();
	}
});

async function fileDb(): Promise<{ db: Db; dir: string; path: string }> {
	const dir = mkdtempSync(join(tmpdir(), 'gala-links-'));
	const path = join(dir, 'gala.db');
	const db = createDb(path);
	await migrateToLatest(db, bundledMigrations());
	cleanups.push(async () => {
		await db.destroy();
		rmSync(dir, { recursive: true, force: true });
	});
	return { db, dir, path };
}

async function sink(): Promise<TestSink> {
	const s = await startSink();
	cleanups.push(() => s.close());
	return s;
}

function worker(db: Db, port: number) {
	const w = new MailWorker({
		db,
		transport: createSmtpTransport(`smtp://127.0.0.1:${port}`, { maxConnections: 1 }),
		mailFrom: 'gala@example.com',
		ownsTransport: true,
		pollMs: 25
	});
	cleanups.push(() => w.stop());
	w.start();
	return w;
}

async function invitedGuest(db: Db) {
	const owner = await newUser(db, { name: 'Zhang Wei', email: 'zhang@host.example' });
	const accountId = await newAccount(db, { owner_user_id: owner });
	const gatheringId = await newGathering(db, {});
	const contact = await newContact(db, {
		account_id: accountId,
		locale: 'en',
		name: 'Anna',
		email: 'anna@client.example'
	});
	const invitee = await addInvitee(db, gatheringId, { contact_id: contact.id });
	await sendInvitations(db, gatheringId, [invitee.id], 'req00001', null);
	return { gatheringId, inviteeId: invitee.id };
}

const LINK = /https?:\/\/[^\s"'<>]+\/rsvp\/([A-Za-z0-9~_-]+)/;

/** Every text a database file holds: every value of every column of every table, as text. */
function everyStoredText(path: string): string[] {
	const copy = new Database(path, { readonly: true });
	try {
		const tables = copy.prepare(`select name from sqlite_master where type = 'table'`).all() as {
			name: string;
		}[];
		const texts: string[] = [];
		for (const { name } of tables) {
			for (const row of copy.prepare(`select * from "${name}"`).all() as Record<
				string,
				unknown
			>[]) {
				for (const value of Object.values(row)) {
					if (typeof value === 'string') {
						texts.push(value);
					} else if (Buffer.isBuffer(value)) {
						texts.push(value.toString('utf8'));
					}
				}
			}
		}
		return texts;
	} finally {
		copy.close();
	}
}

describe('a copy of the database opens no link', () => {
	it('the link the guest received is stored nowhere, and nothing stored opens a guest page', async () => {
		const { db, dir, path } = await fileDb();
		const smtp = await sink();
		const { inviteeId } = await invitedGuest(db);
		worker(db, smtp.port);
		await waitFor(() => smtp.received.length === 1, 15_000, 'the invitation');

		// What the guest got works: the link in the text and HTML, and in the .ics's URL.
		const mail = smtp.received[0];
		const token = mail.text!.match(LINK)![1];
		expect(String(mail.html)).toContain(`/rsvp/${token}`);
		const ics = mail.attachments.find((a) => a.filename?.endsWith('.ics'))!;
		const event = new ICAL.Component(ICAL.parse(ics.content.toString('utf8'))).getFirstSubcomponent(
			'vevent'
		)!;
		expect(String(event.getFirstPropertyValue('url'))).toMatch(new RegExp(`/rsvp/${token}$`));
		expect((await loadRsvp(db, token)).inviteeId).toBe(inviteeId);
		// The guest answers: a confirmation (with its link and .ics) is stored too.
		await submitAnswer(db, token, plainAnswer());

		// A copy of the database file, as a backup or a thief would take it.
		await sql`pragma wal_checkpoint(truncate)`.execute(db);
		const copyPath = join(dir, 'copy.db');
		copyFileSync(path, copyPath);
		const texts = everyStoredText(copyPath);
		expect(texts.some((t) => t.includes('rsvp_confirmation'))).toBe(true);
		expect(texts.filter((t) => t.includes(token))).toEqual([]);

		// Anything in it that could be a token opens nothing: whole values, words, link paths.
		const candidates = new Set<string>();
		for (const text of texts) {
			candidates.add(text);
			for (const word of text.match(/[A-Za-z0-9~_-]{16,100}/g) ?? []) {
				candidates.add(word);
				for (const part of word.split(/[~_-]+/)) {
					candidates.add(part);
				}
			}
			for (const m of text.matchAll(/\/rsvp\/([^\s"'<>/?]+)/g)) {
				candidates.add(m[1]);
			}
		}
		expect(candidates.size).toBeGreaterThan(50);
		const opened: string[] = [];
		for (const candidate of candidates) {
			if (candidate.length > 100) {
				continue;
			}
			try {
				await loadRsvp(db, candidate);
				opened.push(candidate);
			} catch {
				// not a link: as it should be
			}
		}
		expect(opened).toEqual([]);
	});

	it('staff see the message with the link masked: page data, text, HTML and the .ics attachment', async () => {
		const { db } = await fileDb();
		const smtp = await sink();
		await invitedGuest(db);
		const stored = await db.selectFrom('outbox_message').select('id').executeTakeFirstOrThrow();
		const before = await loadOutboxMessage(db, stored.id);
		worker(db, smtp.port);
		await waitFor(() => smtp.received.length === 1, 15_000, 'the invitation');
		const token = smtp.received[0].text!.match(LINK)![1];

		for (const view of [before, await loadOutboxMessage(db, stored.id)]) {
			const json = JSON.stringify(view);
			expect(json).not.toContain(token);
			expect(view.message.text).toMatch(/\/rsvp\/\*{32}/);
			expect(view.message.html).toMatch(/\/rsvp\/\*{32}/);
			expect(json).not.toMatch(/~g~/);
		}
		const [attachment] = before.attachments;
		const file = await loadAttachment(db, stored.id, attachment.id);
		const text = Buffer.from(file.content).toString('utf8');
		expect(text).not.toContain(token);
		const event = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
		expect(String(event.getFirstPropertyValue('url'))).toMatch(/\/rsvp\/\*{32}$/);
	});
});

describe('upgrading a database that held links', () => {
	it('masks links stored before, and a message still waiting is held back with the reason', async () => {
		const db = createDb(':memory:');
		cleanups.push(() => db.destroy());
		const migrator = new Migrator({ db, provider: bundledMigrations() });
		const { error } = await migrator.migrateTo('2026-11-23T1900_outbox_claimable');
		expect(error).toBeUndefined();
		const token = 'a'.repeat(12) + 'b2c3d4e5f6g7h8i9j0k1';
		const url = `https://gala.example/rsvp/${token}`;
		const now = new Date().toISOString();
		for (const [i, status] of (['sent', 'queued'] as const).entries()) {
			const { id } = await db
				.insertInto('outbox_message')
				.values({
					dedupe_key: `old:${i}`,
					kind: 'invitation',
					message_id: `<old${i}@gala>`,
					from_name: 'Gala',
					reply_to: null,
					to_address: 'anna@client.example',
					to_name: 'Anna',
					locale: 'en',
					subject: 'Invitation',
					html: `<a href="${url}">${url}</a>`,
					text: `Open ${url}/calendar.ics`,
					status,
					next_attempt_at: now,
					created_at: now
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			// An .ics whose URL line is folded in the middle of the token.
			const line = `URL:${url}`;
			const ics = `BEGIN:VCALENDAR\r\n${line.slice(0, 40)}\r\n ${line.slice(40)}\r\nEND:VCALENDAR\r\n`;
			await db
				.insertInto('outbox_attachment')
				.values({
					message_id: id,
					filename: 'invitation.ics',
					content_type: 'text/calendar',
					content: Buffer.from(ics)
				})
				.execute();
		}
		await migrateToLatest(db, bundledMigrations());

		const messages = await db.selectFrom('outbox_message').selectAll().orderBy('id').execute();
		const files = await db.selectFrom('outbox_attachment').selectAll().execute();
		const everything = JSON.stringify(messages) + files.map((f) => f.content.toString()).join('');
		expect(everything).not.toContain(token);
		expect(messages[0].html).toContain(`/rsvp/${'*'.repeat(token.length)}`);
		expect(messages.map((m) => m.status)).toEqual(['sent', 'failed']);
		expect(messages[1].last_error).toMatch(/link removed/i);
		const unfolded = files[0].content.toString().replace(/\r\n /g, '');
		expect(unfolded).toContain(`URL:https://gala.example/rsvp/${'*'.repeat(token.length)}`);
	});
});
