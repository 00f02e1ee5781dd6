import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '$lib/server/db';
import { bundledMigrations, migrateToLatest } from '$lib/server/db/migrate';
import { enqueueMessage } from '$lib/server/mail/outbox';
import { retryMessage } from '$lib/server/mail/service';
import { createSmtpTransport } from '$lib/server/mail/transport';
import { LEASE_MS, MailWorker, retryDelay } from '$lib/server/mail/worker';
import { mailHold, startMailWorker } from '$lib/server/mail/worker-process';
import { createTestDb } from '../helpers/db';
import { freePort, startSink, waitFor, type TestSink } from './support/mail-sink';
import { sampleMessage } from './support/messages';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) {
		await cleanup();
	}
});

/** A worker on `db` sending to 127.0.0.1:port with test-sized back-off. */
function workerFor(
	db: Db,
	port: number,
	extra: Partial<ConstructorParameters<typeof MailWorker>[0]> = {}
) {
	const worker = new MailWorker({
		db,
		transport: createSmtpTransport(`smtp://127.0.0.1:${port}`, { maxConnections: 2 }),
		mailFrom: 'gala@example.com',
		ownsTransport: true,
		pollMs: 25,
		backoff: { baseMs: 40, maxMs: 200, maxAttempts: 50 },
		...extra
	});
	cleanups.push(() => worker.stop());
	worker.start();
	return worker;
}

async function sink(options: Parameters<typeof startSink>[0] = {}): Promise<TestSink> {
	const s = await startSink(options);
	cleanups.push(() => s.close());
	return s;
}

async function row(db: Db, id: number) {
	return db.selectFrom('outbox_message').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('outbox worker', () => {
	it('delivers a message with its headers, text and HTML parts and the .ics attachment', async () => {
		const db = await createTestDb();
		const smtp = await sink();
		const id = (await enqueueMessage(db, sampleMessage(1)))!;
		const { message_id } = await row(db, id);
		workerFor(db, smtp.port);

		await waitFor(() => smtp.received.length === 1, 10_000, 'delivery');
		const mail = smtp.received[0];
		expect(mail.messageId).toBe(message_id);
		expect(mail.from?.value[0]).toEqual({ name: '王经理', address: 'gala@example.com' });
		expect(mail.replyTo?.value[0].address).toBe('wang.manager@example.com');
		expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0] : null).toEqual({
			name: '客人1',
			address: 'guest1@example.com'
		});
		expect(mail.subject).toBe('诚邀您参加答谢会 #1');
		expect(mail.date).toBeInstanceOf(Date);
		expect(Math.abs(mail.date!.getTime() - Date.now())).toBeLessThan(60_000);
		expect(mail.text).toContain('诚邀您参加重点客户答谢会');
		expect(mail.html).toContain('<strong>重点客户答谢会</strong>');
		expect(mail.attachments).toHaveLength(1);
		expect(mail.attachments[0].filename).toBe('invitation.ics');
		expect(mail.attachments[0].contentType).toBe('text/calendar');
		expect(mail.attachments[0].headers.get('content-type')).toMatchObject({
			params: { method: 'REQUEST' }
		});
		expect(mail.attachments[0].content.toString('utf8')).toContain('UID:test-1@gala');

		await waitFor(async () => (await row(db, id)).status === 'sent', 5000, 'marked sent');
		const sent = await row(db, id);
		expect(sent.sent_at).not.toBeNull();
		expect(sent.attempts).toBe(1);
		expect(sent.lease_owner).toBeNull();
	});

	it('keeps messages queued while SMTP is down and sends them when it comes back', async () => {
		const db = await createTestDb();
		const port = await freePort();
		const ids: number[] = [];
		for (let n = 0; n < 3; n++) {
			ids.push((await enqueueMessage(db, sampleMessage(n)))!);
		}
		workerFor(db, port);

		await waitFor(
			async () => (await row(db, ids[0])).attempts >= 2,
			10_000,
			'a few failed attempts'
		);
		const waiting = await row(db, ids[0]);
		expect(waiting.status).toBe('queued');
		expect(waiting.last_error).toMatch(/ECONNREFUSED|connect/i);
		expect(waiting.next_attempt_at > waiting.created_at).toBe(true);

		const smtp = await sink({ port });
		await waitFor(() => smtp.received.length === 3, 10_000, 'delivery after SMTP returned');
		await waitFor(
			async () =>
				(await Promise.all(ids.map((id) => row(db, id)))).every((r) => r.status === 'sent'),
			5000,
			'all marked sent'
		);
		expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(3);
	});

	it('spends no attempts on the rest of the queue while the server is unreachable', async () => {
		const db = await createTestDb();
		const port = await freePort();
		for (let n = 0; n < 20; n++) {
			await enqueueMessage(db, sampleMessage(n));
		}
		// A pause far longer than the test: whatever is tried during it was tried wrongly.
		const worker = workerFor(db, port, {
			concurrency: 2,
			backoff: { baseMs: 60_000, maxMs: 60_000, maxAttempts: 50 }
		});
		const attempted = async () =>
			(await db.selectFrom('outbox_message').select(['attempts', 'last_error']).execute()).filter(
				(r) => r.attempts > 0
			);
		// The first sends fail and are recorded.
		await waitFor(
			async () => worker.busy === 0 && (await attempted()).some((r) => r.last_error !== null),
			10_000,
			'the first failed attempts'
		);
		// Then the worker's own poll wakes it many times (counted, not timed, so a slow machine only
		// makes this slower): an unpaused worker would claim the rest of the queue on the first.
		let wakes = 0;
		const wake = worker.wake.bind(worker);
		worker.wake = () => {
			wakes += 1;
			wake();
		};
		await waitFor(() => wakes >= 20, 10_000, '20 polls of the worker');
		await waitFor(() => worker.busy === 0, 10_000, 'no send in flight');
		const tried = (await attempted()).length;
		expect(tried).toBeGreaterThan(0);
		// Only the sends that were in flight when the server was found down (concurrency 2).
		expect(tried).toBeLessThanOrEqual(2);
	});

	it("retries a 4xx reply later and marks a 5xx reply failed with the server's words", async () => {
		const db = await createTestDb();
		let greylisted = 0;
		const smtp = await sink({
			onRcptTo(address, _session, callback) {
				if (address.address.startsWith('nobody')) {
					return callback(
						Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 })
					);
				}
				if (address.address.startsWith('grey') && greylisted++ < 2) {
					return callback(
						Object.assign(new Error('4.7.1 Greylisted, try later'), { responseCode: 451 })
					);
				}
				callback();
			}
		});
		const bad = (await enqueueMessage(
			db,
			sampleMessage(1, { to: { address: 'nobody@example.com', name: null } })
		))!;
		const grey = (await enqueueMessage(
			db,
			sampleMessage(2, { to: { address: 'grey@example.com', name: null } })
		))!;
		workerFor(db, smtp.port);

		await waitFor(
			async () => (await row(db, bad)).status === 'failed',
			10_000,
			'permanent failure'
		);
		const failed = await row(db, bad);
		expect(failed.last_error).toContain('550');
		expect(failed.last_error).toContain('No such user here');
		expect(failed.attempts).toBe(1);

		await waitFor(
			async () => (await row(db, grey)).status === 'sent',
			10_000,
			'greylisted then sent'
		);
		expect((await row(db, grey)).attempts).toBe(3);
		expect(smtp.received.map((m) => m.to && !Array.isArray(m.to) && m.to.text)).toEqual([
			'grey@example.com'
		]);
	});

	it('sends a failed message again when staff retry it, with the same Message-ID', async () => {
		const db = await createTestDb();
		let refuse = true;
		const smtp = await sink({
			onRcptTo(_address, _session, callback) {
				callback(
					refuse ? Object.assign(new Error('Mailbox full'), { responseCode: 552 }) : undefined
				);
			}
		});
		const id = (await enqueueMessage(db, sampleMessage(1)))!;
		workerFor(db, smtp.port);
		await waitFor(async () => (await row(db, id)).status === 'failed', 10_000, 'failed');

		refuse = false;
		await retryMessage(db, id);
		await waitFor(() => smtp.received.length === 1, 10_000, 'sent after retry');
		expect(smtp.received[0].messageId).toBe((await row(db, id)).message_id);
		await expect(retryMessage(db, id)).rejects.toThrow();
	});

	it('never lets two workers on one database send the same message', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'gala-outbox-'));
		cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
		const path = join(dir, 'gala.db');
		// Two handles on one file, as two processes would have.
		const dbA = createDb(path);
		await migrateToLatest(dbA, bundledMigrations());
		const dbB = createDb(path);
		cleanups.push(
			() => dbA.destroy(),
			() => dbB.destroy()
		);
		const smtp = await sink();
		const total = 120;
		await dbA.transaction().execute(async (trx) => {
			for (let n = 0; n < total; n++) {
				await enqueueMessage(trx, sampleMessage(n));
			}
		});
		const a = workerFor(dbA, smtp.port, { concurrency: 4 });
		const b = workerFor(dbB, smtp.port, { concurrency: 4 });

		await waitFor(() => smtp.received.length >= total, 20_000, 'all delivered');
		await a.stop();
		await b.stop();
		const ids = smtp.received.map((m) => m.messageId);
		expect(ids).toHaveLength(total);
		expect(new Set(ids).size).toBe(total);
		const owners = await dbA
			.selectFrom('outbox_message')
			.select(({ fn }) => ['status', fn.countAll<number>().as('n')])
			.groupBy('status')
			.execute();
		expect(owners).toEqual([{ status: 'sent', n: total }]);
	});

	it('waits for the sends in flight when stopped', async () => {
		const db = await createTestDb();
		const smtp = await sink({ delayMs: 300 });
		const id = (await enqueueMessage(db, sampleMessage(1)))!;
		const worker = workerFor(db, smtp.port);
		await waitFor(() => worker.busy === 1, 5000, 'send in flight');
		await worker.stop();
		expect(smtp.received).toHaveLength(1);
		expect((await row(db, id)).status).toBe('sent');
	});

	it('claims the next messages while the current ones are sent, and gives them back when stopped', async () => {
		const db = await createTestDb();
		const smtp = await sink({ delayMs: 100 });
		for (let n = 0; n < 12; n++) {
			await enqueueMessage(db, sampleMessage(n));
		}
		const worker = workerFor(db, smtp.port, { concurrency: 2 });
		const leased = async () =>
			(await db.selectFrom('outbox_message').select('lease_owner').execute()).filter(
				(r) => r.lease_owner !== null
			).length;
		// Once sends succeed, more are claimed than are in flight: the next ones wait in memory.
		await waitFor(async () => (await leased()) > worker.busy, 5000, 'claims ahead of the sends');
		expect(worker.busy).toBeLessThanOrEqual(2);

		await worker.stop();
		const rows = await db
			.selectFrom('outbox_message')
			.select(['status', 'attempts', 'lease_owner'])
			.execute();
		expect(rows.filter((r) => r.lease_owner !== null)).toEqual([]);
		expect(rows.filter((r) => r.status === 'sent')).toHaveLength(smtp.received.length);
		// A claim given back unsent costs no attempt.
		expect(rows.filter((r) => r.status === 'queued' && r.attempts !== 0)).toEqual([]);
		expect(rows.some((r) => r.status === 'queued')).toBe(true);
	});

	it('gives back a claim that waited too long for a free slot instead of sending on it', async () => {
		const db = await createTestDb();
		const shortLeaseAtSend: string[] = [];
		// Each send takes most of the lease, so a claim made ahead is old by its turn: a send on
		// it could outlast its lease, and then a second worker could claim and send it as well.
		const smtp = await sink({
			delayMs: 300,
			onRcptTo(address, _session, callback) {
				db.selectFrom('outbox_message')
					.select('lease_until')
					.where('to_address', '=', address.address)
					.executeTakeFirstOrThrow()
					.then((r) => {
						const left = r.lease_until ? Date.parse(r.lease_until) - Date.now() : 0;
						if (left < 150) {
							shortLeaseAtSend.push(address.address);
						}
						callback();
					}, callback);
			}
		});
		const ids: number[] = [];
		for (let n = 0; n < 3; n++) {
			ids.push((await enqueueMessage(db, sampleMessage(n)))!);
		}
		workerFor(db, smtp.port, { concurrency: 1, leaseMs: 400 });
		await waitFor(
			async () =>
				(await Promise.all(ids.map((id) => row(db, id)))).every((r) => r.status === 'sent'),
			10_000,
			'all sent'
		);
		expect(shortLeaseAtSend).toEqual([]);
		expect(smtp.received).toHaveLength(3);
		// A claim given back unsent costs no attempt.
		for (const id of ids) {
			expect((await row(db, id)).attempts).toBe(1);
		}
	});

	it('holds mail in the outbox, not failed, when no SMTP_URL is set', async () => {
		const saved = process.env.SMTP_URL;
		delete process.env.SMTP_URL;
		cleanups.push(() => {
			if (saved !== undefined) {
				process.env.SMTP_URL = saved;
			}
		});
		const db = await createTestDb();
		const id = (await enqueueMessage(db, sampleMessage(1)))!;
		expect(mailHold()).toBe('no_smtp');
		// No worker exists to send it: nothing to wait for.
		expect(startMailWorker(db)).toBeNull();
		const held = await row(db, id);
		expect(held.status).toBe('queued');
		expect(held.attempts).toBe(0);
		expect(held.last_error).toBeNull();
	});

	it('claims for one minute by default, so a crashed worker’s mail waits no longer', async () => {
		const db = await createTestDb();
		const smtp = await sink({ delayMs: 3000 });
		const id = (await enqueueMessage(db, sampleMessage(1)))!;
		const worker = workerFor(db, smtp.port, { pollMs: 1000 });
		await waitFor(async () => (await row(db, id)).lease_owner !== null, 10_000, 'the claim');
		const claimed = await row(db, id);
		expect(claimed.lease_owner).toBe(worker.owner);
		const left = Date.parse(claimed.lease_until!) - Date.now();
		expect(left).toBeGreaterThan(30_000);
		expect(left).toBeLessThanOrEqual(LEASE_MS);
		expect(LEASE_MS).toBe(60_000);
	});

	it('renews its leases while a send outlasts the lease, so another worker never takes it', async () => {
		const db = await createTestDb();
		// Each send takes several leases' time.
		const smtp = await sink({ delayMs: 3000 });
		const ids: number[] = [];
		for (let n = 0; n < 2; n++) {
			ids.push((await enqueueMessage(db, sampleMessage(n)))!);
		}
		const a = workerFor(db, smtp.port, { concurrency: 1, leaseMs: 900 });
		const b = workerFor(db, smtp.port, { concurrency: 1, leaseMs: 900 });
		await waitFor(
			async () =>
				(await Promise.all(ids.map((id) => row(db, id)))).every((r) => r.status === 'sent'),
			20_000,
			'all sent'
		);
		await Promise.all([a.stop(), b.stop()]);
		const messageIds = smtp.received.map((m) => m.messageId);
		expect(new Set(messageIds).size).toBe(2);
		expect(messageIds).toHaveLength(2);
	});
});

describe('retry back-off', () => {
	it('doubles with each attempt, stays within half and all of the step, and is capped', () => {
		const backoff = { baseMs: 1000, maxMs: 8000, maxAttempts: 10 };
		expect(retryDelay(1, backoff, () => 0)).toBe(500);
		expect(retryDelay(1, backoff, () => 1)).toBe(1000);
		expect(retryDelay(3, backoff, () => 1)).toBe(4000);
		expect(retryDelay(3, backoff, () => 0)).toBe(2000);
		expect(retryDelay(9, backoff, () => 1)).toBe(8000);
		const spread = new Set(Array.from({ length: 20 }, () => retryDelay(2, backoff)));
		expect(spread.size).toBeGreaterThan(1);
	});
});
