import { CompiledQuery } from 'kysely';
import type { Executor } from '../db';
import type { Locale } from '../db/schema';
import { nowIso } from '../time';
import { config } from '../config';
import { generateToken, generateTokens } from '../auth/tokens';
import { wakeMailWorker } from './worker-process';

export { wakeMailWorker };

export interface OutgoingAttachment {
	filename: string;
	contentType: string;
	content: Buffer | string;
	/** An inline part (the logo, a greeting card) the HTML shows as cid:<contentId>. */
	contentId?: string;
	/** The content is the shared mail_blob row with this id (content is then ignored). */
	blobId?: number;
}

/** A rendered email, ready to be written to the outbox. Renderers make these; they do no I/O. */
export interface OutgoingMessage {
	/** 'invitation', 'reminder', 'rsvp_confirmation', 'gathering_update', … */
	kind: string;
	/**
	 * The same key is written once: a retried request or a double click enqueues nothing new.
	 * Null for messages that may legitimately repeat.
	 */
	dedupeKey: string | null;
	fromName: string;
	replyTo: string | null;
	to: { address: string; name: string | null };
	locale: Locale;
	subject: string;
	html: string;
	text: string;
	attachments: OutgoingAttachment[];
	gatheringId?: number | null;
	inviteeId?: number | null;
	campaignId?: number | null;
	/** Extra headers, e.g. List-Unsubscribe (greetings). */
	headers?: Record<string, string> | null;
}

export function newMessageId(): string {
	return `<${generateToken()}@${messageIdHost()}>`;
}

function messageIdHost(): string {
	return new URL(config.publicBaseUrl).hostname || 'gala.localhost';
}

/**
 * Writes the message durably; the worker sends it later. Returns the new id, or null when a
 * message with the same dedupe key is already in the outbox.
 */
// Every email of a bulk send or an RSVP answer passes here, so the two inserts are written once
// as SQL: building them with the query builder cost more than running them (bench/rsvp.ts).
const INSERT_MESSAGE_SQL = `insert into outbox_message (dedupe_key, kind, message_id, from_name,
  reply_to, to_address, to_name, locale, subject, html, text, next_attempt_at, gathering_id,
  invitee_id, campaign_id, headers, created_at)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (dedupe_key) do nothing returning id`;
const INSERT_ATTACHMENT_SQL = `insert into outbox_attachment (message_id, filename, content_type,
  content, content_id, blob_id) values (?, ?, ?, ?, ?, ?)`;
const NO_CONTENT = Buffer.alloc(0);

// A settling message waits under its key; while it waits (queued, not being sent) a newer
// version replaces it in place, so only the last one goes out. Once it is sent, or being sent,
// its key is retired and the newer version waits as a message of its own.
const UPSERT_SETTLING_SQL = `insert into outbox_message (dedupe_key, kind, message_id, from_name,
  reply_to, to_address, to_name, locale, subject, html, text, next_attempt_at, gathering_id,
  invitee_id, campaign_id, headers, created_at)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (dedupe_key) do update set kind = excluded.kind, from_name = excluded.from_name,
    reply_to = excluded.reply_to, to_address = excluded.to_address, to_name = excluded.to_name,
    locale = excluded.locale, subject = excluded.subject, html = excluded.html,
    text = excluded.text, headers = excluded.headers, next_attempt_at = excluded.next_attempt_at,
    attempts = 0, last_error = null
  where status = 'queued' and (lease_until is null or lease_until < ?)
  returning id`;
const RETIRE_KEY_SQL = `update outbox_message set dedupe_key = dedupe_key || '#' || id
  where dedupe_key = ?`;
const DELETE_ATTACHMENTS_SQL = `delete from outbox_attachment where message_id = ?`;

export async function enqueueMessage(
	db: Executor,
	message: OutgoingMessage
): Promise<number | null> {
	return write(db, message, INSERT_MESSAGE_SQL, nowIso(), []);
}

/**
 * A message that settles before it goes: due at `sendAfter`, and replaced by the next one with
 * the same key enqueued before then (one confirmation per settled answer, stating the last).
 * Returns the id of the message that now waits.
 */
export async function enqueueSettling(
	db: Executor,
	message: OutgoingMessage & { dedupeKey: string },
	sendAfter: string
): Promise<number> {
	const now = nowIso();
	const id = await write(db, message, UPSERT_SETTLING_SQL, sendAfter, [now], now);
	if (id !== null) {
		return id;
	}
	await db.executeQuery(CompiledQuery.raw(RETIRE_KEY_SQL, [message.dedupeKey]));
	return (await write(db, message, INSERT_MESSAGE_SQL, sendAfter, []))!;
}

/** Drops a settling message that has not gone out yet (its news was overtaken); true if one did. */
export async function cancelSettling(db: Executor, dedupeKey: string): Promise<boolean> {
	const { rows } = await db.executeQuery<{ id: number }>(
		CompiledQuery.raw(
			`delete from outbox_message where dedupe_key = ? and status = 'queued'
			  and (lease_until is null or lease_until < ?) returning id`,
			[dedupeKey, nowIso()]
		)
	);
	return rows.length > 0;
}

const MESSAGE_COLUMNS = `dedupe_key, kind, message_id, from_name, reply_to, to_address, to_name,
  locale, subject, html, text, next_attempt_at, gathering_id, invitee_id, campaign_id, headers,
  created_at`;
/** Rows per multi-row insert: 17 values a message, well under SQLite's 32,766 variables. */
const BULK_ROWS = 500;

/**
 * Writes many messages (a campaign's batch) in a few multi-row statements instead of two
 * statements a message: preparing and running a statement per row was most of the time of
 * queueing 20,000 greetings (bench/greetings.ts). Same rules as enqueueMessage: a dedupe key
 * already in the outbox writes nothing. Returns how many messages were new.
 */
export async function enqueueMessages(db: Executor, messages: OutgoingMessage[]): Promise<number> {
	const now = nowIso();
	const host = messageIdHost();
	let added = 0;
	for (let i = 0; i < messages.length; i += BULK_ROWS) {
		const chunk = messages.slice(i, i + BULK_ROWS);
		const byMessageId = new Map<string, OutgoingMessage>();
		const params: unknown[] = [];
		const ids = generateTokens(chunk.length);
		for (const [n, message] of chunk.entries()) {
			const messageId = `<${ids[n]}@${host}>`;
			byMessageId.set(messageId, message);
			params.push(...messageValues(message, messageId, now, now));
		}
		const tuple = `(${Array(17).fill('?').join(', ')})`;
		const { rows } = await db.executeQuery<{ id: number; message_id: string }>(
			CompiledQuery.raw(
				`insert into outbox_message (${MESSAGE_COLUMNS}) values ${Array(chunk.length).fill(tuple).join(', ')}
				  on conflict (dedupe_key) do nothing returning id, message_id`,
				params
			)
		);
		added += rows.length;
		const attachments = rows.flatMap((row) =>
			byMessageId.get(row.message_id)!.attachments.map((a) => [row.id, ...attachmentValues(a)])
		);
		for (let j = 0; j < attachments.length; j += BULK_ROWS) {
			const part = attachments.slice(j, j + BULK_ROWS);
			await db.executeQuery(
				CompiledQuery.raw(
					`insert into outbox_attachment (message_id, filename, content_type, content, content_id,
					  blob_id) values ${Array(part.length).fill('(?, ?, ?, ?, ?, ?)').join(', ')}`,
					part.flat()
				)
			);
		}
	}
	if (added > 0) {
		wakeMailWorker();
	}
	return added;
}

function messageValues(message: OutgoingMessage, messageId: string, due: string, now: string) {
	return [
		message.dedupeKey,
		message.kind,
		messageId,
		message.fromName,
		message.replyTo,
		message.to.address,
		message.to.name,
		message.locale,
		message.subject,
		message.html,
		message.text,
		due,
		message.gatheringId ?? null,
		message.inviteeId ?? null,
		message.campaignId ?? null,
		message.headers ? JSON.stringify(message.headers) : null,
		now
	];
}

function attachmentValues(attachment: OutgoingAttachment) {
	const content =
		attachment.blobId !== undefined
			? NO_CONTENT
			: Buffer.isBuffer(attachment.content)
				? attachment.content
				: Buffer.from(attachment.content, 'utf8');
	return [
		attachment.filename,
		attachment.contentType,
		content,
		attachment.contentId ?? null,
		attachment.blobId ?? null
	];
}

async function write(
	db: Executor,
	message: OutgoingMessage,
	statement: string,
	due: string,
	extra: unknown[],
	now = nowIso()
): Promise<number | null> {
	const { rows } = await db.executeQuery<{ id: number }>(
		CompiledQuery.raw(statement, [...messageValues(message, newMessageId(), due, now), ...extra])
	);
	const row = rows[0];
	if (!row) {
		return null;
	}
	if (statement === UPSERT_SETTLING_SQL) {
		// A replaced message takes the new version's attachments (none left over from the old).
		await db.executeQuery(CompiledQuery.raw(DELETE_ATTACHMENTS_SQL, [row.id]));
	}
	for (const attachment of message.attachments) {
		await db.executeQuery(
			CompiledQuery.raw(INSERT_ATTACHMENT_SQL, [row.id, ...attachmentValues(attachment)])
		);
	}
	// Inside a transaction the worker's claim waits for the commit (one connection), so waking
	// it here is safe and mail goes out at once instead of at the next poll.
	wakeMailWorker();
	return row.id;
}
