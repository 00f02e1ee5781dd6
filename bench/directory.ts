/**
 * Directory benchmark: `npx tsx bench/directory.ts` (`--quick` for a smoke check; env
 * RUNS=requests per page, default 50), or through `npm run bench`.
 *
 * 1. Import a generated 10,000-row contacts CSV (UTF-8, Chinese headers, 60 accounts) with
 *    Gala's importer: decode, parse, validate every row with the form's zod schema, derive pinyin
 *    keys, write contacts and activity in one transaction. Baseline, in the same run: bare
 *    papaparse + one prepared INSERT per row in one transaction (no validation, no pinyin, no
 *    activity). Each runs in its own child process on its own copy of the database, so the peak
 *    RSS printed is that case's alone. One unmeasured round of both first (warm-up: file cache,
 *    page cache), then three rounds, alternating which goes first.
 * 2. Render the contacts list page with those 10,000 contacts through the BUILT app (`node build`
 *    on a loopback port, signed in with a real session): median of RUNS sequential requests, for
 *    the first page, a pinyin-initials search and a page deep in the list, after 3 unmeasured
 *    requests each, the four interleaved request by request. Baseline: the bare SELECT of one
 *    page (better-sqlite3, prepared) on the same database.
 * Builds the app into test-results/build-bench first unless BENCH_BUILD_DIR points at a build.
 */
import Database from 'better-sqlite3';
import Papa from 'papaparse';
import { spawn, spawnSync } from 'node:child_process';
import { buildApp, buildDir, freePort, waitFor } from './support/built-app';
import {
	figure,
	isMain,
	median,
	runStandalone,
	type BenchOptions,
	type BenchResult
} from './support/report';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileMigrations } from '../scripts/migrations';
import { hashToken } from '../src/lib/server/auth/tokens';
import { createDb } from '../src/lib/server/db/index';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { importContacts } from '../src/lib/server/csv/import-contacts';

const ROWS = 10_000;
const ACCOUNTS = 60;
const dir = 'test-results/bench-directory';
const templateDb = join(dir, 'template.db');
const csvFile = join(dir, 'contacts-10k.csv');

const company = (i: number) => `测试客户${String(i).padStart(3, '0')}商贸有限公司`;

/** Deterministic rows: Chinese names (some compound surnames), emails, birthdays, dates. */
function makeCsv(): string {
	let seed = 7;
	const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
	const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
	const family = Array.from(
		'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董'
	);
	const compound = ['欧阳', '司马', '诸葛', '上官'];
	const given = Array.from(
		'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红玲芬飞鹏辉斌宇浩'
	);
	const lines = ['公司,姓名,英文名,称呼,职务,邮箱,电话,语言,生日,重要日期,饮食,爱好'];
	for (let i = 0; i < ROWS; i++) {
		const surname = rand() < 0.05 ? pick(compound) : pick(family);
		const name = surname + pick(given) + (rand() < 0.6 ? pick(given) : '');
		const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
		const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
		lines.push(
			[
				company(i % ACCOUNTS),
				name,
				'',
				`${surname}总`,
				pick(['采购总监', '总经理', '副总经理', '门店经理']),
				`p${i}@bench.example.com`,
				`+86 138 ${String(i).padStart(8, '0')}`,
				rand() < 0.9 ? 'zh-CN' : 'en',
				rand() < 0.5 ? `19${60 + Math.floor(rand() * 40)}-${month}-${day}` : `${month}-${day}`,
				rand() < 0.2
					? `结婚纪念日: ${day}-${month === '02' ? '03' : month}`.replace(
							/^(.*: )(\d\d)-(\d\d)$/,
							'$1$3-$2'
						)
					: '',
				pick(['', '素食', '不吃辣', '清真']),
				pick(['', '高尔夫', '茶', '钓鱼'])
			].join(',')
		);
	}
	return lines.join('\r\n') + '\r\n';
}

/** A migrated database with an admin and the accounts the CSV names. */
async function makeTemplate(): Promise<void> {
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const db = createDb(templateDb);
	await migrateToLatest(db, fileMigrations());
	await db.destroy();
	const sqlite = new Database(templateDb);
	const now = new Date().toISOString();
	sqlite
		.prepare(
			`insert into user (email, name, role, password_hash, created_at, updated_at)
			 values ('bench@example.com', '基准', 'admin', 'x', ?, ?)`
		)
		.run(now, now);
	const insert = sqlite.prepare(
		`insert into account (name, name_sort, channel, annual_sales_minor, created_at, updated_at)
		 values (?, ?, 'distributor', ?, ?, ?)`
	);
	for (let i = 0; i < ACCOUNTS; i++) {
		insert.run(company(i), `ceshikehu${i}`, (ACCOUNTS - i) * 1_000_000_00, now, now);
	}
	sqlite.pragma('journal_mode = WAL');
	sqlite.close();
	writeFileSync(csvFile, makeCsv());
}

interface ImportResult {
	ms: number;
	peakRssMb: number;
	rows: number;
}

async function importCase(kind: 'gala' | 'base', dbPath: string): Promise<ImportResult> {
	const bytes = new Uint8Array(readFileSync(csvFile));
	const t = performance.now();
	let rows: number;
	if (kind === 'gala') {
		const db = createDb(dbPath);
		const result = await importContacts(db, bytes, 1);
		rows = result.created;
		const ms = performance.now() - t;
		await db.destroy();
		return { ms, peakRssMb: (process.resourceUsage().maxRSS * 1024) / 2 ** 20, rows };
	}
	const sqlite = new Database(dbPath);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = NORMAL');
	const accounts = new Map(
		(sqlite.prepare('select id, name from account').all() as { id: number; name: string }[]).map(
			(a) => [a.name, a.id]
		)
	);
	const parsed = Papa.parse<Record<string, string>>(new TextDecoder().decode(bytes), {
		header: true,
		skipEmptyLines: true
	});
	const insert = sqlite.prepare(
		`insert into contact (account_id, name, salutation, title, email, phone, created_at, updated_at)
		 values (?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const now = new Date().toISOString();
	sqlite.transaction(() => {
		for (const row of parsed.data) {
			insert.run(
				accounts.get(row['公司']),
				row['姓名'],
				row['称呼'],
				row['职务'],
				row['邮箱'],
				row['电话'],
				now,
				now
			);
		}
	})();
	rows = parsed.data.length;
	const ms = performance.now() - t;
	sqlite.close();
	return { ms, peakRssMb: (process.resourceUsage().maxRSS * 1024) / 2 ** 20, rows };
}

function runChild(kind: 'gala' | 'base', dbPath: string): ImportResult {
	copyFileSync(templateDb, dbPath);
	const child = spawnSync(
		process.execPath,
		['--import', 'tsx', fileURLToPath(import.meta.url), '--case', kind, dbPath],
		{ encoding: 'utf8' }
	);
	if (child.status !== 0) {
		throw new Error(`${kind} import failed:\n${child.stderr}`);
	}
	return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as ImportResult;
}

/** One timed request; throws unless the page came back whole. */
async function timePage(url: string, cookie: string, expect: string): Promise<number> {
	const t = performance.now();
	const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
	const html = await response.text();
	const ms = performance.now() - t;
	if (response.status !== 200 || !html.includes(expect)) {
		throw new Error(`${url}: status ${response.status}`);
	}
	return ms;
}

export async function run({ quick, log }: BenchOptions): Promise<BenchResult> {
	const requests = quick ? 10 : Number(process.env.RUNS ?? 50);
	const rounds = quick ? 1 : 3;
	await makeTemplate();
	const galaDb = join(dir, 'gala.db');
	if (!quick) {
		runChild('base', join(dir, 'warm-base.db'));
		runChild('gala', join(dir, 'warm-gala.db'));
	}
	const imports = { gala: [] as ImportResult[], base: [] as ImportResult[] };
	for (let round = 0; round < rounds; round++) {
		const order = round % 2 === 0 ? (['base', 'gala'] as const) : (['gala', 'base'] as const);
		for (const kind of order) {
			// The last round's Gala database is the one the list pages read.
			const r = runChild(kind, kind === 'gala' ? galaDb : join(dir, `${kind}.db`));
			if (r.rows !== ROWS) {
				throw new Error(`${kind} imported ${r.rows} rows, expected ${ROWS}`);
			}
			imports[kind].push(r);
			log(
				`round ${round + 1} import 10,000 contacts, ${kind === 'gala' ? 'Gala' : 'bare'}: ${(r.ms / 1000).toFixed(2)} s, peak ${r.peakRssMb.toFixed(0)} MiB`
			);
		}
	}

	buildApp();
	const sqlite = new Database(galaDb);
	const token = 'benchdirectorytoken0000000000000';
	sqlite
		.prepare('insert into session (id, user_id, expires_at) values (?, 1, ?)')
		.run(hashToken(token), new Date(Date.now() + 86_400_000).toISOString());
	sqlite.close();
	const port = await freePort(process.env.BENCH_APP_PORT);
	const origin = `http://127.0.0.1:${port}`;
	const server = spawn(process.execPath, [buildDir], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			DATABASE_PATH: galaDb,
			MAIL_WORKER: 'off'
		},
		stdio: 'ignore'
	});
	const pages = { first: [] as number[], search: [] as number[], deep: [] as number[] };
	const selects: number[] = [];
	try {
		await waitFor(`${origin}/healthz`, server);
		const cookie = `gala_session=${token}`;
		const bare = new Database(galaDb, { readonly: true });
		const select = bare.prepare(
			`select contact.id, contact.name, contact.name_latin, contact.title, contact.email,
			        contact.phone, account.name as account_name,
			        coalesce(account.tier_override, account.auto_tier) as tier
			 from contact join account on account.id = contact.account_id
			 order by contact.name_pinyin, contact.id limit 25 offset 0`
		);
		for (let i = 0; i < requests + 3; i++) {
			const first = await timePage(`${origin}/contacts`, cookie, 'contacts-table');
			const search = await timePage(`${origin}/contacts?q=ww`, cookie, 'contacts-table');
			const deep = await timePage(`${origin}/contacts?page=300`, cookie, 'contacts-table');
			const t = performance.now();
			select.all();
			const bareMs = performance.now() - t;
			// The first three of each warm up (JIT, caches) and are not counted.
			if (i >= 3) {
				pages.first.push(first);
				pages.search.push(search);
				pages.deep.push(deep);
				selects.push(bareMs);
			}
		}
		bare.close();
		log(
			`list page, 10,000 contacts (median of ${requests})  first page ${median(pages.first).toFixed(1)} ms` +
				`   search "ww" ${median(pages.search).toFixed(1)} ms   page 300 ${median(pages.deep).toFixed(1)} ms` +
				`   bare SELECT of one page ${median(selects).toFixed(2)} ms`
		);
	} finally {
		server.kill();
	}
	const bareSelect = { name: 'bare prepared SELECT of one page', samples: selects };
	const under150 = { text: 'median < 150 ms', test: (v: number) => v < 150 };
	return {
		name: 'directory',
		title: 'Directory: CSV import and the contacts list (bench/directory.ts)',
		method:
			`Import: ${rounds} round(s) after ${quick ? 'no' : 'one'} warm-up round, Gala and bare in alternating order, each in its own process. ` +
			`List: ${requests} requests per page to the built app after 3 unmeasured, interleaved with the bare SELECT.`,
		failures: [],
		figures: [
			figure({
				name: 'import a 10,000-row contacts CSV',
				unit: 's',
				better: 'lower',
				samples: imports.gala.map((r) => r.ms / 1000),
				baseline: {
					name: 'bare papaparse + prepared INSERT, no validation',
					samples: imports.base.map((r) => r.ms / 1000)
				},
				goal: { text: '< 2 s', test: (v) => v < 2 }
			}),
			figure({
				name: 'import a 10,000-row contacts CSV, peak memory',
				unit: 'MiB',
				better: 'lower',
				samples: imports.gala.map((r) => r.peakRssMb),
				baseline: { name: 'bare', samples: imports.base.map((r) => r.peakRssMb) }
			}),
			figure({
				name: 'contacts list, first page (10,000 contacts)',
				unit: 'ms',
				better: 'lower',
				samples: pages.first,
				baseline: bareSelect,
				goal: under150
			}),
			figure({
				name: 'contacts list, search "ww" (pinyin initials)',
				unit: 'ms',
				better: 'lower',
				samples: pages.search,
				baseline: bareSelect,
				goal: under150
			}),
			figure({
				name: 'contacts list, page 300',
				unit: 'ms',
				better: 'lower',
				samples: pages.deep,
				baseline: bareSelect
			})
		]
	};
}

const caseIndex = process.argv.indexOf('--case');
if (caseIndex !== -1 && isMain(import.meta.url)) {
	const kind = process.argv[caseIndex + 1] as 'gala' | 'base';
	console.log(JSON.stringify(await importCase(kind, process.argv[caseIndex + 2])));
} else {
	await runStandalone(import.meta.url, run);
}
