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
}

export function newMessageId(): string {
	const host = new URL(config.publicBaseUrl).hostname || 'gala.localhost';
	return `<${generateToken()}@${host}>`;
}

/**
 * Writes the message durably; the worker sends it later. Returns the new id, or null when a
 * message with the same dedupe key is already in the outbox.
 */
export async function enqueueMessage(
	db: Executor,
	message: OutgoingMessage
): Promise<number | null> {
	const now = nowIso();
	const row = await db
		.insertInto('outbox_message')
		.values({
			dedupe_key: message.dedupeKey,
			kind: message.kind,
			message_id: newMessageId(),
			from_name: message.fromName,
			reply_to: message.replyTo,
			to_address: message.to.address,
			to_name: message.to.name,
			locale: message.locale,
			subject: message.subject,
			html: message.html,
			text: message.text,
			next_attempt_at: now,
			lease_owner: null,
			lease_until: null,
			last_error: null,
			sent_at: null,
			gathering_id: message.gatheringId ?? null,
			invitee_id: message.inviteeId ?? null,
			created_at: now
		})
		.onConflict((oc) => oc.column('dedupe_key').doNothing())
		.returning('id')
		.executeTakeFirst();
	if (!row) {
		return null;
	}
	for (const attachment of message.attachments) {
		await db
			.insertInto('outbox_attachment')
			.values({
				message_id: row.id,
				filename: attachment.filename,
				content_type: attachment.contentType,
				content: Buffer.isBuffer(attachment.content)
					? attachment.content
					: Buffer.from(attachment.content, 'utf8')
			})
			.execute();
	}
	// Inside a transaction the worker's claim waits for the commit (one connection), so waking
	// it here is safe and mail goes out at once instead of at the next poll.
	wakeMailWorker();
	return row.id;
}
