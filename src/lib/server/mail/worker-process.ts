import type { Db } from '../db';
import { config } from '../config';
import { createSmtpTransport } from './transport';
import { MailWorker } from './worker';

// This process's one worker: started from the configuration by background.ts, woken by the
// outbox when something is enqueued.

let current: MailWorker | null = null;

/**
 * Tells the running worker that something was enqueued, so it goes out now rather than at the
 * next poll. Does nothing when no worker runs in this process (no SMTP_URL, MAIL_WORKER=off).
 */
export function wakeMailWorker(): void {
	current?.wake();
}

export type MailHold = 'no_smtp' | 'worker_off' | null;

/** Why this process does not send mail, or null when it does. */
export function mailHold(): MailHold {
	if (!config.mailWorkerEnabled) {
		return 'worker_off';
	}
	return config.smtpUrl ? null : 'no_smtp';
}

/**
 * Starts this process's worker from the configuration (once). Without SMTP_URL no worker
 * runs: messages stay queued in the outbox, which the Outbox page explains; they are not failed.
 */
export function startMailWorker(db: Db): MailWorker | null {
	const smtpUrl = config.smtpUrl;
	if (current || mailHold() !== null || !smtpUrl) {
		return null;
	}
	const worker = new MailWorker({
		db,
		transport: createSmtpTransport(smtpUrl),
		mailFrom: config.mailFrom,
		ownsTransport: true
	});
	current = worker;
	worker.start();
	return worker;
}

export async function stopMailWorker(): Promise<void> {
	const worker = current;
	current = null;
	await worker?.stop();
}
