import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { OutboxAttachment, OutboxMessage } from '../db/schema';
import { revealLinks, revealLinksIn } from '../rsvp/links';

/** What the worker needs from a transport; nodemailer's pooled SMTP transport in the app. */
export interface MailTransport {
	sendMail(mail: Mail.Options): Promise<unknown>;
	close(): void;
}

/**
 * A pooled SMTP transport. smtp-server (and many real servers) wait before greeting each new
 * connection, so one connection per message caps at ~9 messages/s; a pool that keeps its
 * connections for any number of messages reaches hundreds.
 */
export function createSmtpTransport(
	smtpUrl: string,
	options: { maxConnections?: number; dkim?: DkimOptions | null } = {}
): MailTransport {
	const url = new URL(smtpUrl);
	const dkim = options.dkim === undefined ? dkimFromEnv() : options.dkim;
	return nodemailer.createTransport({
		...(dkim ? { dkim } : {}),
		pool: true,
		host: url.hostname,
		port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
		secure: url.protocol === 'smtps:',
		auth: url.username
			? {
					user: decodeURIComponent(url.username),
					pass: decodeURIComponent(url.password)
				}
			: undefined,
		maxConnections: options.maxConnections ?? 5,
		maxMessages: Infinity,
		// nodemailer's defaults (2 min to connect, 10 min idle socket) would hold a lease far
		// longer than needed when a server hangs; the worker's lease must outlast these.
		connectionTimeout: 10_000,
		greetingTimeout: 10_000,
		socketTimeout: 30_000
	});
}

export interface DkimOptions {
	domainName: string;
	keySelector: string;
	privateKey: string;
}

/**
 * DKIM signing when DKIM_SELECTOR and a key (DKIM_PRIVATE_KEY, PEM text, or DKIM_PRIVATE_KEY_PATH)
 * are set; the domain is DKIM_DOMAIN or MAIL_FROM's. nodemailer signs each message as it sends.
 */
export function dkimFromEnv(env = process.env): DkimOptions | null {
	const selector = env.DKIM_SELECTOR;
	const key =
		env.DKIM_PRIVATE_KEY ||
		(env.DKIM_PRIVATE_KEY_PATH ? readFileSync(env.DKIM_PRIVATE_KEY_PATH, 'utf8') : '');
	if (!selector || !key) {
		return null;
	}
	const domain = env.DKIM_DOMAIN || (env.MAIL_FROM || 'gala@localhost').split('@').pop()!;
	return { domainName: domain, keySelector: selector, privateKey: key };
}

/** The longest one send can take before nodemailer gives up (see the timeouts above). */
export const SEND_TIMEOUT_MS = 50_000;

export interface SendFailure {
	/** permanent: the server refused the message for good (5xx); retrying will not help. */
	permanent: boolean;
	/** The server could not be reached or talked to at all (not a reply about this message). */
	serverDown: boolean;
	/** What to show staff: the server's reply when there is one. */
	reply: string;
	/**
	 * A hard bounce: a 5xx reply to RCPT TO or DATA, so the recipient's address is refused for
	 * good. A 5xx elsewhere (MAIL FROM: our sender; AUTH) says nothing about the address.
	 */
	bounce: boolean;
}

/**
 * Sorts a nodemailer error into temporary or permanent. 5xx replies are permanent, except an
 * authentication failure: that is Gala's configuration, not the message, and should not fail
 * every message in the outbox while someone fixes the password.
 */
export function classifySendError(error: unknown): SendFailure {
	const err = error as {
		responseCode?: number;
		response?: string;
		code?: string;
		message?: string;
		command?: string;
	};
	const code = typeof err?.responseCode === 'number' ? err.responseCode : null;
	const reply = (err?.response || err?.message || String(error)).slice(0, 1000);
	const permanent = code !== null && code >= 500 && code < 600 && err.code !== 'EAUTH';
	return {
		permanent,
		serverDown: code === null || err.code === 'EAUTH',
		bounce: permanent && (err.command === 'RCPT TO' || err.command === 'DATA'),
		reply: code !== null && !reply.startsWith(String(code)) ? `${code} ${reply}` : reply
	};
}

/** The email as nodemailer sends it, built from the outbox row (so a retry sends the same mail). */
export function toMailOptions(
	message: OutboxMessage,
	attachments: (Pick<OutboxAttachment, 'filename' | 'content_type' | 'content'> & {
		content_id?: string | null;
	})[],
	mailFrom: string
): Mail.Options {
	return {
		from: { name: message.from_name, address: mailFrom },
		to: message.to_name
			? { name: message.to_name, address: message.to_address }
			: message.to_address,
		replyTo: message.reply_to ?? undefined,
		subject: message.subject,
		// The Message-ID is the row's: a retried or re-sent message is recognisably the same one.
		messageId: message.message_id,
		date: new Date(),
		// Stored messages hold placeholders; the guest's real link exists only in what is sent.
		html: revealLinks(message.html),
		text: revealLinks(message.text),
		headers: {
			...(message.headers ? (JSON.parse(message.headers) as Record<string, string>) : {}),
			'Content-Language': message.locale
		},
		attachments: attachments.map((a) => ({
			filename: a.filename,
			// Only text parts (the .ics) can hold a link; images are passed on untouched.
			content: a.content_type.startsWith('text/') ? revealLinksIn(a.content) : a.content,
			contentType: a.content_type,
			// An inline image: nodemailer puts it in multipart/related beside the HTML.
			...(a.content_id ? { cid: a.content_id, contentDisposition: 'inline' as const } : {})
		}))
	};
}
