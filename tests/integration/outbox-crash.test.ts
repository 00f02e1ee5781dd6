import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createDb, type Db } from '$lib/server/db';
import { bundledMigrations, migrateToLatest } from '$lib/server/db/migrate';
import { enqueueMessage } from '$lib/server/mail/outbox';
import { loadOutboxMessage } from '$lib/server/mail/service';
import { LEASE_MS } from '$lib/server/mail/worker';
import { startSink, waitFor } from './support/mail-sink';
import { sampleMessage } from './support/messages';

const CHILD = join(import.meta.dirname, 'support', 'outbox-child.ts');
const APP = join(import.meta.dirname, 'support', 'app-child.ts');
const CONCURRENCY = 4;
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) {
		await cleanup();
	}
});

function startChild(
	path: string,
	port: number,
	script: 'worker' | 'app' = 'worker',
	lease = '500'
): Promise<ChildProcess> {
	const args =
		script === 'worker' ? [CHILD, path, String(port), String(CONCURRENCY), lease] : [APP];
	const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
		stdio: ['ignore', 'pipe', 'inherit'],
		env: {
			...process.env,
			DATABASE_PATH: path,
			SMTP_URL: `smtp://127.0.0.1:${port}`,
			MAIL_FROM: 'gala@example.com',
			MAIL_WORKER: 'on'
		}
	});
	cleanups.push(() => {
		child.kill('SIGKILL');
	});
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.stdout!.once('data', () => resolve(child));
	});
}

async function statuses(db: Db) {
	return db.selectFrom('outbox_message').select(['message_id', 'status']).execute();
}

async function outboxWith(total: number) {
	const dir = mkdtempSync(join(tmpdir(), 'gala-crash-'));
	cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
	const path = join(dir, 'gala.db');
	const db = createDb(path);
	cleanups.push(() => db.destroy());
	await migrateToLatest(db, bundledMigrations());
	await db.transaction().execute(async (trx) => {
		for (let n = 0; n < total; n++) {
			await enqueueMessage(trx, sampleMessage(n));
		}
	});
	return { db, path };
}

it('on SIGTERM the app finishes and records the sends in flight, so a restart repeats none', async () => {
	const total = 60;
	const { db, path } = await outboxWith(total);
	const smtp = await startSink({ delayMs: 15 });
	cleanups.push(() => smtp.close());

	const app = await startChild(path, smtp.port, 'app');
	await waitFor(() => smtp.received.length >= 10, 20_000, 'the first sends');
	const exited = new Promise<number | null>((resolve) => app.once('exit', resolve));
	app.kill('SIGTERM');
	expect(await exited).toBe(0);
	const atStop = await db.selectFrom('outbox_message').select(['status', 'lease_owner']).execute();
	// Everything the server accepted is recorded as sent; nothing is left claimed.
	expect(atStop.filter((r) => r.status === 'sent')).toHaveLength(smtp.received.length);
	expect(atStop.filter((r) => r.lease_owner !== null)).toEqual([]);
	expect(smtp.received.length).toBeLessThan(total);

	await startChild(path, smtp.port, 'app');
	await waitFor(() => smtp.received.length >= total, 20_000, 'the rest after the restart');
	await waitFor(
		async () => (await statuses(db)).every((r) => r.status === 'sent'),
		5000,
		'all marked sent'
	);
	expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(smtp.received.length);
	expect(smtp.received).toHaveLength(total);
});

it('delivers every message after a kill -9 mid-send, repeating at most those in flight', async () => {
	const total = 80;
	const { db, path } = await outboxWith(total);
	// A slow server, so that sends are in flight whenever the process dies.
	const smtp = await startSink({ delayMs: 15 });
	cleanups.push(() => smtp.close());

	const first = await startChild(path, smtp.port);
	await waitFor(() => smtp.received.length >= 20, 20_000, 'the first sends');
	const exited = new Promise((resolve) => first.once('exit', resolve));
	first.kill('SIGKILL');
	await exited;
	const atCrash = await statuses(db);
	const sentAtCrash = new Set(atCrash.filter((r) => r.status === 'sent').map((r) => r.message_id));
	expect(sentAtCrash.size).toBeLessThan(total);

	await startChild(path, smtp.port);
	await waitFor(
		async () => (await statuses(db)).every((r) => r.status === 'sent'),
		30_000,
		'every message marked sent after the restart'
	);
	await waitFor(
		() => new Set(smtp.received.map((m) => m.messageId)).size === total,
		5000,
		'all arrived'
	);

	const ids = smtp.received.map((m) => m.messageId!);
	const seen = new Map<string, number>();
	for (const id of ids) {
		seen.set(id, (seen.get(id) ?? 0) + 1);
	}
	const repeated = [...seen].filter(([, count]) => count > 1).map(([id]) => id);
	expect(seen.size).toBe(total);
	expect(ids.length - total).toBeLessThanOrEqual(CONCURRENCY);
	// A repeat can only be a message the dead process had handed to the server but not yet
	// recorded as sent.
	for (const id of repeated) {
		expect(seen.get(id)).toBe(2);
		expect(sentAtCrash.has(id)).toBe(false);
	}
});

it('after a kill -9 the claims wait one short lease, the Outbox says why, and a restart sends them', async () => {
	const total = 40;
	const { db, path } = await outboxWith(total);
	const smtp = await startSink({ delayMs: 15 });
	cleanups.push(() => smtp.close());

	// The worker as the app runs it: default lease.
	const first = await startChild(path, smtp.port, 'worker', 'default');
	await waitFor(() => smtp.received.length >= 10, 20_000, 'the first sends');
	const exited = new Promise((resolve) => first.once('exit', resolve));
	first.kill('SIGKILL');
	await exited;
	const killedAt = Date.now();

	const claimed = await db
		.selectFrom('outbox_message')
		.select(['id', 'lease_owner', 'lease_until'])
		.where('status', '=', 'queued')
		.where('lease_owner', 'is not', null)
		.execute();
	expect(claimed.length).toBeGreaterThan(0);
	// One short lease (renewed while it lived), not the five minutes claims used to hold.
	for (const row of claimed) {
		expect(Date.parse(row.lease_until!) - killedAt).toBeLessThanOrEqual(LEASE_MS);
	}
	const shown = await loadOutboxMessage(db, claimed[0].id);
	expect(shown.wait).toEqual({
		kind: 'sending',
		owner: claimed[0].lease_owner,
		until: claimed[0].lease_until
	});

	// Once the lease has run out the Outbox says the worker stopped, not a bare time in the past.
	const lastLease = Math.max(...claimed.map((r) => Date.parse(r.lease_until!)));
	await waitFor(() => Date.now() > lastLease, LEASE_MS + 30_000, 'the leases to run out');
	expect((await loadOutboxMessage(db, claimed[0].id)).wait).toMatchObject({
		kind: 'lease_expired',
		owner: claimed[0].lease_owner
	});

	await startChild(path, smtp.port);
	await waitFor(
		async () => (await statuses(db)).every((r) => r.status === 'sent'),
		30_000,
		'every message sent after the restart'
	);
	expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(total);
}, 150_000);
