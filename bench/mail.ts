/**
 * Mail benchmark: `npx tsx bench/mail.ts` (`--quick` for a smoke check, `--runs N`, `--count N`),
 * or through `npm run bench`.
 * Sends N invitation emails (HTML + text + personal .ics, rendered by the real invitation
 * renderer) to a local smtp-server sink in a child process, two ways, alternating, in one run:
 * - outbox: written to the durable outbox (one transaction, a SQLite file in WAL mode as the app
 *   uses) and sent by Gala's MailWorker with its defaults (leased claims, 16 sends in flight,
 *   every send recorded before its slot is free) over its pooled transport; timed from the first
 *   write until every row is marked sent;
 *   The stored messages hold link placeholders, as the app stores them; the worker swaps in each
 *   guest's link (an HMAC) as it sends;
 * - bare: the same messages, links already in place, straight to a pooled nodemailer transport (5 connections,
 *   maxMessages Infinity), all handed over at once; timed until every send resolved.
 * One unmeasured warm-up of both paths (100 messages), then the runs, alternating which goes first.
 * Reports messages/s for each (median of the runs) and the ratio outbox / bare (goal ≥ 0.7);
 * a bare send that fails, or an outbox message marked failed, is reported as a failure.
 * `--only outbox` (or bare) runs one side, e.g. under `node --cpu-prof --import tsx bench/mail.ts`.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { fileMigrations } from '../scripts/migrations';
import { createDb } from '../src/lib/server/db/index';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { enqueueMessage, newMessageId, type OutgoingMessage } from '../src/lib/server/mail/outbox';
import { createSmtpTransport } from '../src/lib/server/mail/transport';
import { MailWorker } from '../src/lib/server/mail/worker';
import { benchMessages, revealed } from './support/invitations';
import {
	figure,
	isMain,
	runStandalone,
	type BenchOptions,
	type BenchResult
} from './support/report';

const arg = (name: string, fallback: number) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const POOL = 5;
const CONCURRENCY = arg('concurrency', 0) || undefined;
// `--only outbox` (or bare) runs one side alone, e.g. under `node --cpu-prof --import tsx`.
const ONLY = process.argv.includes('--only')
	? process.argv[process.argv.indexOf('--only') + 1]
	: null;

async function startSink(): Promise<{ port: number; stop: () => void }> {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', join(import.meta.dirname, 'support/smtp-sink.ts')],
		{
			stdio: ['ignore', 'pipe', 'inherit', 'ipc']
		}
	);
	const port = await new Promise<number>((resolve, reject) => {
		child.once('error', reject);
		child.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
	});
	return { port, stop: () => child.kill() };
}

async function bare(port: number, messages: OutgoingMessage[]) {
	const transport = nodemailer.createTransport({
		pool: true,
		host: '127.0.0.1',
		port,
		secure: false,
		maxConnections: POOL,
		maxMessages: Infinity
	});
	const cpu = process.cpuUsage();
	const started = performance.now();
	const settled = await Promise.allSettled(
		messages.map((msg) =>
			transport.sendMail({
				from: { name: msg.fromName, address: 'gala@example.com' },
				to: { name: msg.to.name ?? '', address: msg.to.address },
				replyTo: msg.replyTo ?? undefined,
				subject: msg.subject,
				// The headers the worker adds (toMailOptions): the same messages on both sides.
				messageId: newMessageId(),
				date: new Date(),
				headers: { 'Content-Language': msg.locale },
				html: msg.html,
				text: msg.text,
				attachments: msg.attachments.map((a) => ({
					filename: a.filename,
					content: a.content,
					contentType: a.contentType
				}))
			})
		)
	);
	const seconds = (performance.now() - started) / 1000;
	const used = process.cpuUsage(cpu);
	transport.close();
	const failed = settled.filter((r) => r.status === 'rejected').length;
	return { seconds, cpuSeconds: (used.user + used.system) / 1e6, failed };
}

async function outbox(port: number, messages: OutgoingMessage[], run: number) {
	let failed: number;
	const dir = mkdtempSync(join(tmpdir(), 'gala-bench-mail-'));
	const db = createDb(join(dir, 'gala.db'));
	await migrateToLatest(db, fileMigrations());
	const worker = new MailWorker({
		db,
		transport: createSmtpTransport(`smtp://127.0.0.1:${port}`, { maxConnections: POOL }),
		mailFrom: 'gala@example.com',
		ownsTransport: true,
		concurrency: CONCURRENCY
	});
	worker.start();
	const cpu = process.cpuUsage();
	const started = performance.now();
	await db.transaction().execute(async (trx) => {
		for (const [i, msg] of messages.entries()) {
			await enqueueMessage(trx, { ...msg, dedupeKey: `bench:${run}:${i}` });
		}
	});
	const enqueued = performance.now();
	const enqueueCpu = process.cpuUsage(cpu);
	worker.wake();
	for (;;) {
		// Ask the database only when the worker has nothing in flight (keeps the bench's own
		// queries out of the measurement).
		if (worker.busy > 0) {
			await new Promise((r) => setTimeout(r, 5));
			continue;
		}
		const counts = await db
			.selectFrom('outbox_message')
			.select(['status', (eb) => eb.fn.countAll<number>().as('n')])
			.where('status', 'in', ['sent', 'failed'])
			.groupBy('status')
			.execute();
		const count = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0);
		failed = count('failed');
		if (count('sent') + failed >= messages.length) {
			break;
		}
		await new Promise((r) => setTimeout(r, 10));
	}
	const done = performance.now();
	const used = process.cpuUsage(cpu);
	await worker.stop();
	await db.destroy();
	rmSync(dir, { recursive: true, force: true });
	return {
		seconds: (done - started) / 1000,
		enqueueSeconds: (enqueued - started) / 1000,
		cpuSeconds: (used.user + used.system) / 1e6,
		enqueueCpuSeconds: (enqueueCpu.user + enqueueCpu.system) / 1e6,
		failed
	};
}

export async function run({ quick, log }: BenchOptions): Promise<BenchResult> {
	const standalone = isMain(import.meta.url);
	const COUNT = standalone ? arg('count', quick ? 200 : 2000) : quick ? 200 : 2000;
	const RUNS = Math.max(1, standalone ? arg('runs', quick ? 1 : 5) : quick ? 1 : 5);
	// The link key (the app keeps it beside its database); one per run is enough here.
	process.env.LINK_SECRET ??= randomBytes(32).toString('hex');
	const messages = benchMessages(COUNT);
	const sent = revealed(messages);
	const avgKb =
		messages.reduce(
			(sum, m) => sum + m.html.length + m.text.length + String(m.attachments[0].content).length,
			0
		) /
		messages.length /
		1024;
	log(
		`${COUNT} invitation emails (about ${avgKb.toFixed(1)} KB of HTML+text+.ics each), ${RUNS} run(s), pool of ${POOL}`
	);
	const sink = await startSink();
	const failures: string[] = [];
	const rates = { bare: [] as number[], outbox: [] as number[] };
	const cpu = { bare: [] as number[], outbox: [] as number[] };
	try {
		// One unmeasured warm-up of both paths (JIT, first connections).
		await bare(sink.port, sent.slice(0, 100));
		await outbox(sink.port, messages.slice(0, 100), -1);
		for (let run = 0; run < RUNS; run++) {
			if (ONLY && standalone) {
				const r =
					ONLY === 'bare' ? await bare(sink.port, sent) : await outbox(sink.port, messages, run);
				log(
					`run ${run + 1}: ${ONLY} ${(COUNT / r.seconds).toFixed(0)} msg/s (CPU ${r.cpuSeconds.toFixed(2)} s)`
				);
				continue;
			}
			// Alternate which goes first, so warming up (and other load on the machine) favours neither.
			let b: Awaited<ReturnType<typeof bare>>;
			let o: Awaited<ReturnType<typeof outbox>>;
			if (run % 2 === 0) {
				b = await bare(sink.port, sent);
				o = await outbox(sink.port, messages, run);
			} else {
				o = await outbox(sink.port, messages, run);
				b = await bare(sink.port, sent);
			}
			if (b.failed > 0) {
				failures.push(`run ${run + 1}: ${b.failed} bare sends failed`);
			}
			if (o.failed > 0) {
				failures.push(`run ${run + 1}: ${o.failed} outbox messages marked failed`);
			}
			rates.bare.push((COUNT - b.failed) / b.seconds);
			rates.outbox.push((COUNT - o.failed) / o.seconds);
			cpu.bare.push(b.cpuSeconds);
			cpu.outbox.push(o.cpuSeconds);
			log(
				`run ${run + 1}: bare ${(COUNT / b.seconds).toFixed(0)} msg/s (CPU ${b.cpuSeconds.toFixed(2)} s)` +
					` · outbox ${(COUNT / o.seconds).toFixed(0)} msg/s (CPU ${o.cpuSeconds.toFixed(2)} s;` +
					` writing to the outbox ${o.enqueueSeconds.toFixed(2)} s, CPU ${o.enqueueCpuSeconds.toFixed(2)} s) · ratio ${(b.seconds / o.seconds).toFixed(2)}`
			);
		}
	} finally {
		sink.stop();
	}
	return {
		name: 'mail',
		title: 'Invitations through the outbox to SMTP (bench/mail.ts)',
		method:
			`${COUNT} invitations (~${avgKb.toFixed(1)} KB with .ics) through the outbox and its worker to a local smtp-server, ` +
			`vs a bare pooled nodemailer loop (same pool of ${POOL}); a 100-message warm-up of both, then ${RUNS} runs, alternating which goes first.`,
		failures,
		figures: [
			figure({
				name: `messages per second, ${COUNT} invitations`,
				unit: 'msg/s',
				better: 'higher',
				samples: rates.outbox,
				baseline: { name: 'bare pooled nodemailer', samples: rates.bare },
				goal: { text: 'ratio ≥ 0.7', test: (_v, r) => (r ?? 0) >= 0.7 }
			}),
			figure({
				name: `CPU time of this process for ${COUNT} invitations`,
				unit: 's',
				better: 'lower',
				samples: cpu.outbox,
				baseline: { name: 'bare pooled nodemailer', samples: cpu.bare },
				note: 'less sensitive to other load than wall time'
			})
		]
	};
}

await runStandalone(import.meta.url, run);
