/**
 * A real SMTP server for the end-to-end tests (smtp-server on 127.0.0.1), with a small HTTP API
 * so tests can read what Gala actually delivered: GET /messages, DELETE /messages.
 */
import { createServer } from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { SINK_HTTP_PORT, SINK_SMTP_PORT } from './env';

const smtpPort = SINK_SMTP_PORT;
const httpPort = SINK_HTTP_PORT;

interface Received {
	messageId: string | undefined;
	from: string | undefined;
	replyTo: string | undefined;
	to: string | undefined;
	subject: string | undefined;
	text: string | undefined;
	html: string | false;
	attachments: {
		filename: string | undefined;
		contentType: string;
		content: string;
		cid?: string;
	}[];
	/** The List-Unsubscribe URL (greetings), as a mail client reads it. */
	listUnsubscribe?: string;
	listUnsubscribePost?: string;
}
const messages: Received[] = [];

const smtp = new SMTPServer({
	authOptional: true,
	disabledCommands: ['STARTTLS'],
	logger: false,
	onData(stream, _session, callback) {
		simpleParser(stream)
			.then((mail) => {
				messages.push({
					messageId: mail.messageId,
					from: mail.from?.text,
					replyTo: mail.replyTo?.text,
					to: Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : mail.to?.text,
					subject: mail.subject,
					text: mail.text,
					html: mail.html,
					listUnsubscribe: (mail.headers.get('list') as { unsubscribe?: { url?: string } })
						?.unsubscribe?.url,
					listUnsubscribePost: (
						mail.headers.get('list') as { 'unsubscribe-post'?: { name?: string } }
					)?.['unsubscribe-post']?.name,
					attachments: mail.attachments.map((a) => ({
						filename: a.filename,
						contentType: a.contentType,
						content: a.content.toString('utf8'),
						cid: a.cid
					}))
				});
				callback();
			})
			.catch(callback);
	}
});
smtp.listen(smtpPort, '127.0.0.1');

createServer((req, res) => {
	if (req.method === 'DELETE') {
		messages.length = 0;
		res.end('[]');
		return;
	}
	res.setHeader('content-type', 'application/json');
	res.end(JSON.stringify(req.url?.startsWith('/health') ? { ok: true } : messages));
}).listen(httpPort, '127.0.0.1');

console.log(`mail sink: smtp://127.0.0.1:${smtpPort}, http://127.0.0.1:${httpPort}/messages`);
