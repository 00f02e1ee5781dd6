/**
 * RSVP answer benchmark: `npx tsx bench/rsvp.ts` (env DURATION=seconds, default 10).
 *
 * 50 concurrent clients post RSVP answers (form POSTs, as a phone's browser sends them) to the
 * BUILT app (`node build` on a loopback port, its own database file, MAIL_WORKER=off), and then,
 * in the same run, to two bare node:http servers (bench/support/rsvp-baseline.ts), each on its
 * own copy of the same seeded database. Every request changes the answer (a counter in the
 * dietary field), so the app really writes, in one transaction: the invitee row, the history
 * entry and the confirmation email with its .ics into the outbox.
 *
 * Two ratios are printed, because "the same SQLite write" can be read two ways:
 * - to "bare, 1 UPDATE": the original baseline, one autocommitted UPDATE per request. Gala
 *   writes four rows and renders an email per answer, so this ratio measures how much more
 *   work an answer is, not only the framework's overhead;
 * - to "bare, same writes": the same rows Gala writes per answer in one transaction (invitee
 *   UPDATE, history row, outbox message with html/text of the average sizes Gala wrote in this
 *   run, its .ics attachment), pre-rendered. This is the fair reading of the goal
 *   (ratio ≥ 0.4): what is left is Gala's own work (SvelteKit, validation, rendering).
 * Builds the app into test-results/build-bench first unless BENCH_BUILD_DIR points at a build.
 */
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { buildApp, buildDir, waitFor } from './support/built-app';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const DURATION = Number(process.env.DURATION ?? 10);
const CONNECTIONS = 50;
const GUESTS = 500;
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 4391);
const BASE_PORT = Number(process.env.BENCH_BASE_PORT ?? 4392);
const WRITES_PORT = Number(process.env.BENCH_WRITES_PORT ?? 4393);
const dir = 'test-results/bench-rsvp';

/** One open gathering, far-off deadline, GUESTS invited contacts with a live token each. */
function seed(path: string): string[] {
	const db = new Database(path);
	db.pragma('busy_timeout = 5000');
	const now = new Date().toISOString();
	const tokens: string[] = [];
	db.transaction(() => {
		const account = db
			.prepare(
				`insert into account (name, channel, created_at, updated_at) values ('基准客户', 'distributor', ?, ?)`
			)
			.run(now, now).lastInsertRowid;
		const gathering = db
			.prepare(
				`insert into gathering (uid, title_zh, title_en, venue_name, venue_address, starts_at, ends_at,
					rsvp_deadline, companions_allowed, status, created_at, updated_at)
				 values ('bench@gala', '基准答谢会', 'Benchmark evening', '外滩酒店', '上海市中山东一路1号',
					'2099-01-15T10:00:00.000Z', '2099-01-15T14:00:00.000Z', '2099-01-10T10:00:00.000Z', 1,
					'open', ?, ?)`
			)
			.run(now, now).lastInsertRowid;
		for (let i = 0; i < GUESTS; i++) {
			const contact = db
				.prepare(
					`insert into contact (account_id, name, email, locale, created_at, updated_at)
					 values (?, ?, ?, ?, ?, ?)`
				)
				.run(
					account,
					`来宾${i}`,
					`guest${i}@bench.test`,
					i % 2 ? 'en' : 'zh-CN',
					now,
					now
				).lastInsertRowid;
			const invitee = db
				.prepare(
					`insert into invitee (gathering_id, contact_id, role, status, invited_at, checkin_code, created_at, updated_at)
					 values (?, ?, 'guest', 'invited', ?, ?, ?, ?)`
				)
				.run(gathering, contact, now, `bench${i}`, now, now).lastInsertRowid;
			const token = randomBytes(20).toString('hex');
			db.prepare(
				`insert into rsvp_token (token_hash, invitee_id, created_at) values (?, ?, ?)`
			).run(createHash('sha256').update(token).digest('hex'), invitee, now);
			tokens.push(token);
		}
	})();
	db.close();
	return tokens;
}

async function load(base: string, tokens: string[]) {
	let n = 0;
	return autocannon({
		url: base,
		connections: CONNECTIONS,
		duration: DURATION,
		requests: [
			{
				setupRequest: (request) => {
					n += 1;
					const token = tokens[n % tokens.length];
					const body = new URLSearchParams({
						answer: 'accepted',
						companion_name: `随行${n}`,
						dietary: `素食 ${n}`,
						tour_language: 'zh',
						arrival_details: '',
						message_to_host: ''
					}).toString();
					return {
						...request,
						method: 'POST',
						path: `/rsvp/${token}`,
						headers: {
							// As a browser sends it; without it SvelteKit answers the action as JSON.
							accept: 'text/html',
							'content-type': 'application/x-www-form-urlencoded',
							origin: base
						},
						body
					};
				}
			}
		]
	});
}

function summary(name: string, r: Awaited<ReturnType<typeof autocannon>>) {
	const codes = Object.fromEntries(
		Object.entries(r.statusCodeStats).map(([code, v]) => [code, v.count])
	);
	console.log(
		`${name.padEnd(22)} ${r.requests.average.toFixed(0).padStart(6)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  errors ${r.errors + r.timeouts}  status ${JSON.stringify(codes)}`
	);
	return { rps: r.requests.average, p99: r.latency.p99, ok: (codes['303'] ?? 0) > 0 };
}

async function main(): Promise<void> {
	buildApp();
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const appDb = join(dir, 'app.db');
	const baseDb = join(dir, 'baseline.db');
	const appUrl = `http://127.0.0.1:${APP_PORT}`;
	const app = spawn('node', [buildDir], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: {
			...process.env,
			PORT: String(APP_PORT),
			HOST: '127.0.0.1',
			ORIGIN: appUrl,
			DATABASE_PATH: appDb,
			MAIL_WORKER: 'off',
			SMTP_URL: '',
			NODE_ENV: 'production'
		}
	});
	const children: ChildProcess[] = [];
	try {
		await waitFor(`${appUrl}/healthz`, app); // the app migrates its database on start
		const tokens = seed(appDb);
		// Each baseline writes to its own copy of the same database.
		const writesDb = join(dir, 'baseline-writes.db');
		const copy = new Database(appDb);
		copy.exec(`vacuum into '${baseDb}'`);
		copy.exec(`vacuum into '${writesDb}'`);
		copy.close();

		console.log(`${CONNECTIONS} connections, ${DURATION} s each, ${GUESTS} guests`);
		const gala = summary('Gala (built app)', await load(appUrl, tokens));

		const check = new Database(appDb, { readonly: true });
		const written = check
			.prepare(
				`select count(*) as n, avg(length(cast(m.html as blob))) as html,
				   avg(length(cast(m.text as blob))) as text, avg(length(a.content)) as ics
				 from outbox_message m left join outbox_attachment a on a.message_id = m.id
				 where m.kind = 'rsvp_confirmation'`
			)
			.get() as { n: number; html: number; text: number; ics: number | null };
		check.close();

		const startBaseline = async (args: string[], port: number) => {
			const child = spawn(
				'node_modules/.bin/tsx',
				['bench/support/rsvp-baseline.ts', ...args.slice(0, 1), String(port), ...args.slice(1)],
				{ stdio: ['ignore', 'ignore', 'inherit'] }
			);
			children.push(child);
			const url = `http://127.0.0.1:${port}`;
			await waitFor(`${url}/`, child).catch(async () => {
				// The baseline answers 404 to a GET; any HTTP answer means it is up.
				await new Promise((r) => setTimeout(r, 500));
			});
			return url;
		};
		const base = summary(
			'bare, 1 UPDATE',
			await load(await startBaseline([baseDb, 'update'], BASE_PORT), tokens)
		);
		const sizes = [written.html, written.text, written.ics ?? 0].map((n) => String(Math.round(n)));
		const same = summary(
			'bare, same writes',
			await load(await startBaseline([writesDb, 'writes', ...sizes], WRITES_PORT), tokens)
		);

		console.log(
			`confirmation emails written by Gala: ${written.n} (avg html ${sizes[0]} B, text ${sizes[1]} B, .ics ${sizes[2]} B)`
		);
		console.log(
			`ratio to bare, same writes ${(gala.rps / same.rps).toFixed(2)} (goal ≥ 0.4) · ratio to bare, 1 UPDATE ${(gala.rps / base.rps).toFixed(2)}`
		);
		console.log(
			`Gala ${gala.rps.toFixed(0)} req/s (goal ≥ 1,000) · p99 ${gala.p99} ms (goal < 100)`
		);
		if (!gala.ok || !base.ok || !same.ok) {
			console.error('a server did not answer with 303: the figures are not valid');
			process.exitCode = 1;
		}
	} finally {
		app.kill('SIGTERM');
		for (const child of children) {
			child.kill('SIGTERM');
		}
	}
}

await main();
