import { afterEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createTestDb, newUser } from '../helpers/db';
import { newAccount } from '../helpers/accounts';
import { newCampaign, newRecipient } from '../helpers/greetings';
import { startSink, waitFor } from './support/mail-sink';
import type { Db } from '$lib/server/db';
import { createSmtpTransport } from '$lib/server/mail/transport';
import { MailWorker } from '$lib/server/mail/worker';
import { loadAudience, startCampaign } from '$lib/server/greetings/campaigns';
import { findCampaign, ledgerLines } from '$lib/server/greetings/campaign-repository';
import { dispatchDue } from '$lib/server/greetings/dispatch';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) {
		await cleanup();
	}
});

const refusal = (code: number, text: string) =>
	Object.assign(new Error(text), { responseCode: code });

async function people(db: Db) {
	const owner = await newUser(db, { name: '陈经理', email: 'chen@host.example' });
	const key = await newAccount(db, {
		name: '华联',
		owner_user_id: owner,
		tier_override: 'key',
		tier_override_reason: 'x'
	});
	const add = (name: string, email: string) => newRecipient(db, key, { name, email });
	return {
		ok: await add('王伟', 'wang@client.example'),
		gone: await add('钱六', 'Gone@Client.example'),
		refusedData: await add('孙七', 'spamtrap@client.example'),
		busy: await add('周八', 'busy@client.example')
	};
}

async function runCampaign(db: Db, port: number) {
	const id = await newCampaign(db, { tier: 'key' });
	await startCampaign(db, id, null);
	await dispatchDue(db, { rate: 0 });
	const worker = new MailWorker({
		db,
		transport: createSmtpTransport(`smtp://127.0.0.1:${port}`, { maxConnections: 1 }),
		mailFrom: 'gala@example.com',
		ownsTransport: true,
		pollMs: 25,
		backoff: { baseMs: 50, maxMs: 100, maxAttempts: 5 }
	});
	cleanups.push(() => worker.stop());
	worker.start();
	return id;
}

describe('bounces', () => {
	it('marks an address bounced on a 5xx at RCPT or DATA, retries a 4xx, and the next campaign leaves the bounced out with the reply shown', async () => {
		const db = await createTestDb();
		const p = await people(db);
		let busyRefusals = 0;
		const sink = await startSink({
			onRcptTo(address, session, callback) {
				const to = address.address.toLowerCase();
				if (to === 'gone@client.example') {
					return callback(refusal(550, '5.1.1 No such user'));
				}
				if (to === 'busy@client.example' && busyRefusals++ < 2) {
					return callback(refusal(450, '4.2.1 Mailbox busy, try later'));
				}
				callback();
			},
			refuseData: (rcpt) =>
				rcpt.includes('spamtrap@client.example') ? refusal(554, '5.7.1 Refused') : null
		});
		cleanups.push(() => sink.close());
		const id = await runCampaign(db, sink.port);
		await waitFor(
			async () =>
				(await ledgerLines(db, id)).every((l) => l.state === 'sent' || l.state === 'failed'),
			15_000,
			'every greeting settled'
		);
		const lines = new Map((await ledgerLines(db, id)).map((l) => [l.contact_id, l]));
		expect(lines.get(p.ok)?.state).toBe('sent');
		expect(lines.get(p.busy)?.state).toBe('sent');
		expect(busyRefusals).toBeGreaterThanOrEqual(3);
		expect(lines.get(p.gone)).toMatchObject({ state: 'failed' });
		expect(lines.get(p.gone)?.last_error).toMatch(/^550/);
		expect(lines.get(p.refusedData)?.last_error).toMatch(/^554/);

		const bounces = await db
			.selectFrom('email_bounce')
			.select(['address', 'reply'])
			.orderBy('address')
			.execute();
		expect(bounces.map((b) => b.address)).toEqual([
			'gone@client.example',
			'spamtrap@client.example'
		]);
		expect(bounces[0].reply).toContain('No such user');

		const next = await newCampaign(db, { tier: 'key' });
		const audience = await loadAudience(db, (await findCampaign(db, next))!);
		const out = new Map(audience.excluded.map((r) => [r.id, r]));
		expect(out.get(p.gone)).toMatchObject({ reason: 'bounced' });
		expect(out.get(p.gone)?.bounceReply).toContain('No such user');
		expect(out.get(p.refusedData)).toMatchObject({ reason: 'bounced' });
		expect(out.has(p.busy)).toBe(false);
		expect(out.has(p.ok)).toBe(false);
		await startCampaign(db, next, null);
		const nextLines = new Map((await ledgerLines(db, next)).map((l) => [l.contact_id, l]));
		expect(nextLines.get(p.gone)).toMatchObject({ state: 'skipped', reason: 'bounced' });
		expect(nextLines.get(p.busy)).toMatchObject({ state: 'pending' });
	});

	it('a corrected address is no longer bounced', async () => {
		const db = await createTestDb();
		const p = await people(db);
		await db
			.insertInto('email_bounce')
			.values({
				address: 'gone@client.example',
				reply: '550 No such user',
				outbox_message_id: null,
				bounced_at: '2026-11-01T00:00:00.000Z'
			})
			.execute();
		const id = await newCampaign(db, { tier: 'key' });
		const before = await loadAudience(db, (await findCampaign(db, id))!);
		expect(before.excluded.map((r) => r.id)).toEqual([p.gone]);
		await db
			.updateTable('contact')
			.set({ email: 'liu.qian@client.example' })
			.where('id', '=', p.gone)
			.execute();
		const after = await loadAudience(db, (await findCampaign(db, id))!);
		expect(after.excluded).toEqual([]);
	});

	it('does not take a 5xx to MAIL FROM (our sender refused) for a bounce of the recipient', async () => {
		const db = await createTestDb();
		const p = await people(db);
		const sink = await startSink({});
		cleanups.push(() => sink.close());
		const refusing = new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS'],
			logger: false,
			closeTimeout: 200,
			onMailFrom: (_from, _session, callback) =>
				callback(refusal(553, '5.7.1 Sender address rejected')),
			onData: (stream, _session, callback) => {
				stream.resume();
				stream.on('end', () => callback());
			}
		});
		await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', () => resolve()));
		cleanups.push(() => new Promise<void>((resolve) => refusing.close(() => resolve())));
		const port = (refusing.server.address() as AddressInfo).port;
		const id = await runCampaign(db, port);
		await waitFor(
			async () => (await ledgerLines(db, id)).every((l) => l.state === 'failed'),
			15_000,
			'every greeting failed'
		);
		const lines = await ledgerLines(db, id);
		expect(lines.find((l) => l.contact_id === p.ok)?.last_error).toMatch(/^553/);
		const bounces = await db.selectFrom('email_bounce').selectAll().execute();
		expect(bounces).toEqual([]);
	});
});
