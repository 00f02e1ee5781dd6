import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createDb, type Db } from '$lib/server/db';
import { bundledMigrations, migrateToLatest } from '$lib/server/db/migrate';
import { newAccount } from '../helpers/accounts';
import { newCampaign, newRecipient } from '../helpers/greetings';
import { startSink, waitFor } from './support/mail-sink';
import { pauseCampaign, resumeCampaign, startCampaign } from '$lib/server/greetings/campaigns';
import { ledgerCounts } from '$lib/server/greetings/campaign-repository';

const CHILD = join(import.meta.dirname, 'support', 'greetings-child.ts');
const CONCURRENCY = 4;
/** The child's lease (support/greetings-child.ts). */
const LEASE_MS = 2000;
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) {
		await cleanup();
	}
});

function startChild(path: string, port: number): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path, String(port)], {
		stdio: ['ignore', 'pipe', 'inherit'],
		env: {
			...process.env,
			DATABASE_PATH: path,
			MAIL_FROM: 'gala@example.com',
			GREETING_RATE_PER_MINUTE: '0'
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

async function campaignOf(total: number): Promise<{ db: Db; path: string; id: number }> {
	const dir = mkdtempSync(join(tmpdir(), 'gala-greet-crash-'));
	cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
	const path = join(dir, 'gala.db');
	const db = createDb(path);
	cleanups.push(() => db.destroy());
	await migrateToLatest(db, bundledMigrations());
	const account = await newAccount(db, { tier_override: 'key', tier_override_reason: 'test' });
	for (let i = 0; i < total; i++) {
		await newRecipient(db, account, { name: `客户${i}`, email: `c${i}@client.example` });
	}
	const id = await newCampaign(db, { tier: 'key' });
	await startCampaign(db, id, null);
	return { db, path, id };
}

function perAddress(sink: { received: { to?: unknown }[] }) {
	const seen = new Map<string, number>();
	for (const mail of sink.received) {
		const to = (mail.to as { value: { address: string }[] }).value[0].address;
		seen.set(to, (seen.get(to) ?? 0) + 1);
	}
	return seen;
}

it('after a kill -9 mid-campaign and a restart, and a pause and resume, every recipient has one greeting (repeats only of those in flight)', async () => {
	const total = 300;
	const { db, path, id } = await campaignOf(total);
	const sink = await startSink({ delayMs: 15 });
	cleanups.push(() => sink.close());

	const first = await startChild(path, sink.port);
	await waitFor(() => sink.received.length >= 15, 30_000, 'the first greetings');
	const exited = new Promise((resolve) => first.once('exit', resolve));
	first.kill('SIGKILL');
	await exited;
	const atCrash = sink.received.length;
	expect(atCrash).toBeLessThan(total);

	const killedAt = Date.now();

	await startChild(path, sink.port);
	// Pause once the dead process's claims (2 s leases) have run out: a claimed message is in a
	// worker's hands and is sent whatever the campaign does, a dead worker's too.
	await waitFor(
		() => sink.received.length >= atCrash + 10 && Date.now() > killedAt + LEASE_MS + 200,
		30_000,
		'sending again after the restart'
	);
	await pauseCampaign(db, id, null);
	// Paused: only what a worker had already claimed may still arrive.
	const atPause = sink.received.length;
	await new Promise((r) => setTimeout(r, 800));
	expect(sink.received.length - atPause).toBeLessThanOrEqual(3 * CONCURRENCY);
	const whilePaused = sink.received.length;
	await new Promise((r) => setTimeout(r, 500));
	expect(sink.received.length).toBe(whilePaused);
	if (whilePaused < total) {
		expect((await ledgerCounts(db, id)).pending).toBeGreaterThan(0);
	}

	await resumeCampaign(db, id, null);
	await waitFor(() => perAddress(sink).size === total, 30_000, 'every recipient reached');
	await waitFor(async () => (await ledgerCounts(db, id)).sent === total, 10_000, 'ledger all sent');

	const seen = perAddress(sink);
	const repeats = [...seen.values()].filter((n) => n > 1);
	expect(repeats.every((n) => n === 2)).toBe(true);
	expect(sink.received.length - total).toBeLessThanOrEqual(CONCURRENCY);
	// One outbox row per contact: the ledger and the dedupe key never queued anyone twice.
	const rows = await db
		.selectFrom('outbox_message')
		.select('dedupe_key')
		.where('campaign_id', '=', id)
		.execute();
	expect(rows).toHaveLength(total);
	expect(await ledgerCounts(db, id)).toMatchObject({
		sent: total,
		pending: 0,
		queued: 0,
		failed: 0
	});
}, 120_000);
