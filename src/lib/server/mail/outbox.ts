import { CompiledQuery } from 'kysely';
import type { Executor } from '../db';
import type { Locale } from '../db/schema';
import { nowIso } from '../time';
import { config } from '../config';
import { generateToken } from '../auth/tokens';
import { wakeMailWorker } from './worker';

export { wakeMailWorker };

export interface OutgoingAttachment {
	filename: string;
	contentType: string;
	content: Buffer | string;
	/** An inline image: the HTML shows it as `cid:<cid>`. */
	cid?: string;
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
	const host = new URL(config.publicBaseUrl).hostname || 'gala.localhost';
	return `<${generateToken()}@${host}>`;
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

export async function enqueueMessage(
	db: Executor,
	message: OutgoingMessage
): Promise<number | null> {
	const now = nowIso();
	const { rows } = await db.executeQuery<{ id: number }>(
		CompiledQuery.raw(INSERT_MESSAGE_SQL, [
			message.dedupeKey,
			message.kind,
			newMessageId(),
			message.fromName,
			message.replyTo,
			message.to.address,
			message.to.name,
			message.locale,
			message.subject,
			message.html,
			message.text,
			now,
			message.gatheringId ?? null,
			message.inviteeId ?? null,
			message.campaignId ?? null,
			message.headers ? JSON.stringify(message.headers) : null,
			now
		])
	);
	const row = rows[0];
	if (!row) {
		return null;
	}
	for (const attachment of message.attachments) {
		const content =
			attachment.blobId !== undefined
				? NO_CONTENT
				: Buffer.isBuffer(attachment.content)
					? attachment.content
					: Buffer.from(attachment.content, 'utf8');
		await db.executeQuery(
			CompiledQuery.raw(INSERT_ATTACHMENT_SQL, [
				row.id,
				attachment.filename,
				attachment.contentType,
				content,
				attachment.cid ?? null,
				attachment.blobId ?? null
			])
		);
	}
	// Inside a transaction the worker's claim waits for the commit (one connection), so waking
	// it here is safe and mail goes out at once instead of at the next poll.
	wakeMailWorker();
	return row.id;
}
