import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface TestSink {
	port: number;
	/** Every message accepted, parsed, in order of arrival. */
	received: ParsedMail[];
	close(): Promise<void>;
}

/**
 * A real smtp-server on 127.0.0.1 for the outbox tests: it parses every message with mailparser.
 * `port` 0 picks a free port; `onRcptTo` lets a test refuse recipients with 4xx/5xx replies.
 */
export async function startSink(
	options: {
		port?: number;
		delayMs?: number;
		onRcptTo?: SMTPServerOptions['onRcptTo'];
		/** Refuses a message at the end of DATA with this error (responseCode set), or accepts. */
		refuseData?: (recipients: string[]) => Error | null;
	} = {}
): Promise<TestSink> {
	const received: ParsedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		// A pooled client keeps its connection open; don't wait 30 s for it on close.
		closeTimeout: 200,
		onRcptTo: options.onRcptTo,
		onData(stream, session, callback) {
			simpleParser(stream)
				.then(async (mail) => {
					const refusal = options.refuseData?.(session.envelope.rcptTo.map((r) => r.address));
					if (refusal) {
						return callback(refusal);
					}
					if (options.delayMs) {
						await new Promise((r) => setTimeout(r, options.delayMs));
					}
					received.push(mail);
					callback();
				})
				.catch(callback);
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	// A client that dies mid-session (the crash test kills one) resets its connection; that is
	// the client's business, not a failure of the sink.
	server.on('error', () => {});
	const port = (server.server.address() as AddressInfo).port;
	return {
		port,
		received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** A port nothing listens on (for "SMTP is down"): bound once, then released. */
export async function freePort(): Promise<number> {
	const { createServer } = await import('node:net');
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
	const port = (probe.address() as AddressInfo).port;
	await new Promise<void>((resolve) => probe.close(() => resolve()));
	return port;
}

export async function waitFor(
	check: () => boolean | Promise<boolean>,
	timeoutMs = 10_000,
	what = 'condition'
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what}`);
		}
		await new Promise((r) => setTimeout(r, 20));
	}
}
