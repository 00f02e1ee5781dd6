/**
 * Greeting-campaign benchmark: `npx tsx bench/greetings.ts` (`--count N`, `--runs N`).
 * A campaign to N contacts (default 20,000) at 200 key accounts, with a Mid-Autumn card inline:
 * - audience: starting the campaign, which builds the audience from the filter and writes its
 *   ledger (a line per contact), then queueing every greeting into the durable outbox (rendered
 *   per recipient, its unsubscribe token, its ledger line moved to queued). Goal: < 3 s together.
 *   Peak memory (max RSS) is printed.
 * - sending: from the start of the campaign until every greeting is recorded as sent by Gala's
 *   MailWorker to a local smtp-server sink (in a child process), vs a bare pooled nodemailer
 *   loop sending the same messages (same headers, same inline card, same pool of 5) in the same
 *   run. Ratio bare time / Gala time; goal ≥ 0.7.
 * Exports run() for bench/run-all.ts; runs itself when started directly.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import nodemailer from 'nodemailer';
import { fileMigrations } from '../scripts/migrations';
import { createDb, type Db } from '../src/lib/server/db/index';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { nowIso } from '../src/lib/server/time';
import { createSmtpTransport, toMailOptions } from '../src/lib/server/mail/transport';
import { MailWorker } from '../src/lib/server/mail/worker';
import { attachmentsFor } from '../src/lib/server/mail/repository';
import { createCampaign, startCampaign } from '../src/lib/server/greetings/campaigns';
import { campaignSchema } from '../src/lib/server/greetings/campaign-form';
import { makeCard } from '../src/lib/server/greetings/campaign-cards';
import { dispatchDue } from '../src/lib/server/greetings/dispatch';
import { figure, type BenchOptions, type BenchResult } from './support/report';

const POOL = 5;

async function startSink(): Promise<{ port: number; stop: () => void }> {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', join(import.meta.dirname, 'support/smtp-sink.ts')],
		{ stdio: ['ignore', 'pipe', 'inherit', 'ipc'] }
	);
	const port = await new Promise<number>((resolve, reject) => {
		child.once('error', reject);
		child.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
	});
	return { port, stop: () => child.kill() };
}

async function seed(db: Db, count: number): Promise<number> {
	const now = nowIso();
	const owner = await db
		.insertInto('user')
		.values({
			email: 'chen@host.example',
			name: '陈经理',
			role: 'organizer',
			password_hash: 'x',
			locale: null,
			disabled_at: null,
			calendar_feed_token_hash: null,
			created_at: now,
			updated_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const accounts: number[] = [];
	for (let a = 0; a < 200; a++) {
		const row = await db
			.insertInto('account')
			.values({
				name: `客户${a}`,
				name_en: `Client ${a}`,
				channel: 'distributor',
				owner_user_id: owner.id,
				tier_override: 'key',
				tier_override_reason: 'bench',
				created_at: now,
				updated_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		accounts.push(row.id);
	}
	const zones = ['Asia/Shanghai', 'Asia/Hong_Kong', 'America/Los_Angeles', 'Europe/Berlin'];
	await db.transaction().execute(async (trx) => {
		const rows = Array.from({ length: count }, (_, i) => ({
			account_id: accounts[i % accounts.length],
			name: `客户联系人${i}`,
			name_latin: `Contact ${i}`,
			salutation: i % 2 ? `王总${i}` : `Mr Lee ${i}`,
			email: `c${i}@client.example`,
			locale: (i % 3 === 0 ? 'en' : 'zh-CN') as 'en' | 'zh-CN',
			time_zone: zones[i % zones.length],
			created_at: now,
			updated_at: now
		}));
		for (let i = 0; i < rows.length; i += 1000) {
			await trx
				.insertInto('contact')
				.values(rows.slice(i, i + 1000))
				.execute();
		}
	});
	const input = campaignSchema.parse({
		name: '中秋问候',
		occasion: 'mid_autumn',
		occasion_date: '2027-09-15',
		send_mode: 'fixed',
		send_local: '2020-01-01T09:00',
		send_zone: 'Asia/Shanghai',
		sender_mode: 'owner',
		subject_zh: '{{occasion}}快乐，{{salutation}}',
		body_zh:
			'尊敬的{{salutation}}：\n\n值此{{occasion}}之际，{{account_manager}}谨代表公司向您和{{company}}致以诚挚的问候！\n\n祝{{zodiac}}年吉祥，万事如意！',
		subject_en: 'Happy {{occasion}}, {{salutation}}',
		body_en:
			'Dear {{salutation}},\n\nWarm greetings to you and everyone at {{company}} for the {{occasion}}.\n\nBest wishes for the Year of the {{zodiac}},\n{{account_manager}}'
	});
	const id = await createCampaign(db, input, { tier: 'key' }, owner.id);
	for (const locale of ['zh-CN', 'en'] as const) {
		await makeCard(db, id, {
			locale,
			design: 'mid_autumn',
			title: '中秋快乐',
			text: '花好月圆，人月两团圆'
		});
	}
	return id;
}

async function waitAllSent(db: Db, worker: MailWorker, count: number) {
	for (;;) {
		if (worker.busy > 0) {
			await new Promise((r) => setTimeout(r, 10));
			continue;
		}
		const { n } = await db
			.selectFrom('outbox_message')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('status', '=', 'sent')
			.executeTakeFirstOrThrow();
		if (Number(n) >= count) {
			return;
		}
		await new Promise((r) => setTimeout(r, 20));
	}
}

async function galaRun(port: number, count: number) {
	const dir = mkdtempSync(join(tmpdir(), 'gala-bench-greet-'));
	const db = createDb(join(dir, 'gala.db'));
	try {
		await migrateToLatest(db, fileMigrations());
		const id = await seed(db, count);
		// Audience + queue, without the worker (what the goal of < 3 s is about).
		const cpu0 = process.cpuUsage();
		const t0 = performance.now();
		await startCampaign(db, id, null);
		const t1 = performance.now();
		await dispatchDue(db, { rate: 0 });
		const t2 = performance.now();
		const cpu = process.cpuUsage(cpu0);
		// Max RSS so far: in the first run, the peak of seeding, building and queueing (later runs
		// and the sending phase can only raise it).
		const queueRssMiB = process.resourceUsage().maxRSS / 1024;
		const worker = new MailWorker({
			db,
			transport: createSmtpTransport(`smtp://127.0.0.1:${port}`, { maxConnections: POOL }),
			mailFrom: 'gala@example.com',
			ownsTransport: true
		});
		worker.start();
		await waitAllSent(db, worker, count);
		const t3 = performance.now();
		const sentRssMiB = process.resourceUsage().maxRSS / 1024;
		await worker.stop();
		// The same messages for the bare loop, read back from the outbox as the worker sends them.
		const rows = await db.selectFrom('outbox_message').selectAll().orderBy('id').execute();
		const attachments = await attachmentsFor(db, [rows[0].id]);
		return {
			ledgerSeconds: (t1 - t0) / 1000,
			queueCpuSeconds: (cpu.user + cpu.system) / 1e6,
			queueRssMiB,
			sentRssMiB,
			queueSeconds: (t2 - t1) / 1000,
			sendSeconds: (t3 - t2) / 1000,
			totalSeconds: (t3 - t0) / 1000,
			rows,
			attachments
		};
	} finally {
		await db.destroy();
		rmSync(dir, { recursive: true, force: true });
	}
}

async function bare(port: number, run: Awaited<ReturnType<typeof galaRun>>) {
	const transport = nodemailer.createTransport({
		pool: true,
		host: '127.0.0.1',
		port,
		secure: false,
		maxConnections: POOL,
		maxMessages: Infinity
	});
	const started = performance.now();
	await Promise.all(
		run.rows.map((row) =>
			transport.sendMail(toMailOptions(row, run.attachments, 'gala@example.com'))
		)
	);
	const seconds = (performance.now() - started) / 1000;
	transport.close();
	return seconds;
}

export async function measure(options: { count?: number; runs?: number } = {}) {
	const count = options.count ?? 20_000;
	const runs = options.runs ?? 1;
	const sink = await startSink();
	const results: Record<string, number>[] = [];
	try {
		for (let r = 0; r < runs; r++) {
			const g = await galaRun(sink.port, count);
			const bareSeconds = await bare(sink.port, g);
			const audience = g.ledgerSeconds + g.queueSeconds;
			const result = {
				count,
				ledgerSeconds: g.ledgerSeconds,
				queueSeconds: g.queueSeconds,
				audienceAndQueueSeconds: audience,
				audienceAndQueueCpuSeconds: g.queueCpuSeconds,
				queuePeakRssMiB: g.queueRssMiB,
				galaSendRate: count / g.sendSeconds,
				galaEndToEndRate: count / g.totalSeconds,
				bareRate: count / bareSeconds,
				ratioSend: bareSeconds / g.sendSeconds,
				ratioEndToEnd: bareSeconds / g.totalSeconds,
				peakRssMiB: process.resourceUsage().maxRSS / 1024
			};
			results.push(result);
			console.log(
				`run ${r + 1}: ${count} recipients · audience+ledger ${g.ledgerSeconds.toFixed(2)} s + queue to outbox ${g.queueSeconds.toFixed(2)} s = ${audience.toFixed(2)} s (goal < 3 s; CPU ${g.queueCpuSeconds.toFixed(2)} s) · peak RSS ${g.queueRssMiB.toFixed(0)} MiB after queueing, ${g.sentRssMiB.toFixed(0)} MiB after Gala sent, ${result.peakRssMiB.toFixed(0)} MiB after the bare loop`
			);
			console.log(
				`        sending: Gala ${result.galaSendRate.toFixed(0)} msg/s (from start to all sent: ${result.galaEndToEndRate.toFixed(0)} msg/s) · bare pooled nodemailer ${result.bareRate.toFixed(0)} msg/s · ratio ${result.ratioSend.toFixed(2)} (end to end ${result.ratioEndToEnd.toFixed(2)}; goal ≥ 0.7)`
			);
		}
	} finally {
		sink.stop();
	}
	return results;
}

/** `npm run bench`: three runs of a 20,000-recipient campaign (one of 2,000 with --quick). */
export async function run({ quick }: BenchOptions): Promise<BenchResult> {
	const count = quick ? 2_000 : 20_000;
	const results = await measure({ count, runs: quick ? 1 : 3 });
	const samples = (key: string) => results.map((r) => r[key]);
	return {
		name: 'greetings',
		title: 'A greeting campaign (bench/greetings.ts)',
		method: `${count.toLocaleString('en-US')} recipients: build the audience and ledger, queue to the outbox, then send through the mail worker to a local smtp-server; the bare baseline sends the same messages with pooled nodemailer right after, in each run.`,
		figures: [
			figure({
				name: `build the audience and queue ${count.toLocaleString('en-US')} greetings`,
				unit: 's',
				better: 'lower',
				samples: samples('audienceAndQueueSeconds'),
				goal: { text: '< 3 s', test: (v) => v < 3 }
			}),
			figure({
				name: `CPU time to build the audience and queue (user + system)`,
				unit: 's',
				better: 'lower',
				samples: samples('audienceAndQueueCpuSeconds')
			}),
			figure({
				name: 'peak memory (RSS) once queued (seeding included; first run alone)',
				unit: 'MiB',
				better: 'lower',
				samples: samples('queuePeakRssMiB')
			}),
			figure({
				name: 'peak memory (RSS) of the process',
				unit: 'MiB',
				better: 'lower',
				samples: samples('peakRssMiB')
			}),
			figure({
				name: 'send rate through the outbox worker',
				unit: 'msg/s',
				better: 'higher',
				samples: samples('galaSendRate'),
				baseline: { name: 'bare pooled nodemailer', samples: samples('bareRate') },
				goal: { text: 'ratio ≥ 0.7', test: (_v, r) => (r ?? 0) >= 0.7 }
			}),
			figure({
				name: 'campaign start to all sent',
				unit: 'msg/s',
				better: 'higher',
				samples: samples('galaEndToEndRate'),
				baseline: { name: 'bare pooled nodemailer', samples: samples('bareRate') }
			})
		],
		failures: []
	};
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const arg = (name: string, fallback: number) => {
		const i = process.argv.indexOf(`--${name}`);
		return i > 0 ? Number(process.argv[i + 1]) : fallback;
	};
	await measure({ count: arg('count', 20_000), runs: arg('runs', 1) });
}
