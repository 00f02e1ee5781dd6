/**
 * `npm run bench`: runs every benchmark in bench/ and writes bench/RESULTS.md.
 *
 *   npm run bench                       every benchmark, full size; writes bench/RESULTS.md
 *   npm run bench -- --quick            a smoke check (fewer, smaller runs); writes
 *                                       test-results/bench/RESULTS-quick.md, not RESULTS.md
 *   npm run bench -- --only rsvp,mail   some of them (RESULTS.md then holds only those)
 *   npm run bench -- --out FILE         write the report elsewhere
 *
 * The contract (bench/support/report.ts): a benchmark is any `bench/<name>.ts` that exports
 *
 *   export async function run(options: BenchOptions): Promise<BenchResult>
 *
 * run-all imports each file (a top-level `await runStandalone(import.meta.url, run)` does
 * nothing then), calls `run({ quick, log })` one benchmark after another, and writes what they
 * return. `run()` warms up, measures at least three runs (fewer with `quick`), alternates Gala
 * with a bare baseline doing the same work in the same run, and returns figures made with
 * `figure()` (median, baseline, ratio, goal) and every failure (errors, unexpected statuses)
 * in `failures`, never folded into a figure. A file without a `run` export is listed as
 * skipped, and not even imported (an old-style script would run itself). Benchmarks that
 * start the built app build it once into test-results/build-bench (or use BENCH_BUILD_DIR) and
 * listen on free ports, so other servers on the machine are safe.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatValue, printResult, type BenchResult, type BenchRun } from './support/report';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => {
	const i = args.indexOf(`--${name}`);
	return i === -1 ? undefined : args[i + 1];
};
const quick = args.includes('--quick');
const only = option('only')?.split(',').filter(Boolean);
const out =
	option('out') ?? (quick ? 'test-results/bench/RESULTS-quick.md' : join(here, 'RESULTS.md'));

interface Machine {
	cpu: string;
	cores: number;
	memoryGiB: number;
	node: string;
	os: string;
	loadStart: number[];
	loadEnd: number[];
	started: string;
	finished: string;
	commit: string;
}

function gitCommit(): string {
	try {
		const commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
		const dirty = execSync('git status --porcelain --untracked-files=no', {
			encoding: 'utf8'
		}).trim();
		return dirty ? `${commit} (with uncommitted changes)` : commit;
	} catch {
		return 'unknown';
	}
}

const files = readdirSync(here)
	.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'run-all.ts')
	.filter((f) => !only || only.includes(f.replace(/\.ts$/, '')))
	.sort();

const machine: Machine = {
	cpu: os.cpus()[0]?.model ?? 'unknown',
	cores: os.cpus().length,
	memoryGiB: os.totalmem() / 2 ** 30,
	node: process.version,
	os: `${os.type()} ${os.release()} ${os.arch()}`,
	loadStart: os.loadavg(),
	loadEnd: [],
	started: new Date().toISOString(),
	finished: '',
	commit: gitCommit()
};

const results: BenchResult[] = [];
const crashed: { file: string; error: string }[] = [];
const skipped: string[] = [];
console.log(
	`benchmarks: ${files.join(', ')}${quick ? ' (quick: a smoke check, figures not comparable)' : ''}`
);
for (const file of files) {
	// Read before importing: a script without the contract may run itself on import.
	const source = readFileSync(join(here, file), 'utf8');
	const exportsRun = /export\s+(async\s+)?function\s+run\b|export\s+const\s+run\b/.test(source);
	const module = exportsRun
		? ((await import(pathToFileURL(join(here, file)).href)) as { run?: BenchRun })
		: {};
	if (typeof module.run !== 'function') {
		skipped.push(file);
		console.log(`\n== ${file}: no run() export, skipped`);
		continue;
	}
	console.log(`\n== ${file}  (load average ${os.loadavg()[0].toFixed(2)})`);
	const started = performance.now();
	try {
		const result = await module.run({ quick, log: (line) => console.log(`  ${line}`) });
		results.push(result);
		printResult(result, (line) => console.log(`  ${line}`));
		console.log(`  (${((performance.now() - started) / 1000).toFixed(0)} s)`);
	} catch (err) {
		const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
		crashed.push({ file, error });
		console.error(`  ${file} did not finish:\n${error}`);
	}
}
machine.loadEnd = os.loadavg();
machine.finished = new Date().toISOString();

const md = (text: string) => text.replace(/\|/g, '\\|');
const load = (l: number[]) => l.map((n) => n.toFixed(2)).join(' / ');
const lines: string[] = [
	'# Benchmark results',
	'',
	`Written by \`npm run bench${quick ? ' -- --quick' : ''}\` (bench/run-all.ts) on ${machine.finished.slice(0, 16).replace('T', ' ')} UTC, commit ${machine.commit}. Do not edit by hand: run it again.`,
	'',
	'## Machine',
	'',
	'| CPU | cores | memory | Node | OS | load average (1/5/15 min) at start | at end | started | finished |',
	'| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
	`| ${md(machine.cpu)} | ${machine.cores} | ${machine.memoryGiB.toFixed(1)} GiB | ${machine.node} | ${md(machine.os)} | ${load(machine.loadStart)} | ${load(machine.loadEnd)} | ${machine.started} | ${machine.finished} |`,
	''
];
if (machine.loadStart[0] > machine.cores || machine.loadEnd[0] > machine.cores) {
	lines.push(
		`**Noisy figures.** The load average was above the number of cores (${machine.cores}) while these ran: other work shared the CPU, so wall-clock times are longer and rates lower than on a quiet machine, and the goals stated in wall-clock terms may be missed for that reason alone. Ratios to the same-run baseline (alternated run by run) and CPU-time figures are the more trustworthy reading.`,
		''
	);
}
if (quick) {
	lines.push('**Quick mode**: one small run each, a smoke check; not figures to compare.', '');
}
lines.push(
	'## Summary',
	'',
	'Each figure is the median of the runs after a warm-up; the baseline is the same work done the bare way, measured in the same run, alternating with Gala. Ratio = Gala / baseline (for rates higher is better, for times and memory lower is better).',
	'',
	'| benchmark | figure | Gala (median) | baseline (same run) | ratio | runs | goal | met |',
	'| --- | --- | --- | --- | --- | --- | --- | --- |'
);
for (const result of results) {
	for (const f of result.figures) {
		lines.push(
			`| ${result.name} | ${md(f.name)} | ${formatValue(f.value, f.unit)} | ${
				f.baseline ? `${formatValue(f.baseline.value, f.unit)} (${md(f.baseline.name)})` : '—'
			} | ${f.ratio === undefined ? '—' : f.ratio.toFixed(2)} | ${f.samples.length} | ${
				f.goal ? md(f.goal.text) : '—'
			} | ${f.goal ? (f.goal.met ? 'yes' : '**no**') : '—'} |`
		);
	}
}
lines.push('');
for (const result of results) {
	lines.push(`## ${result.title}`, '', result.method, '');
	for (const f of result.figures) {
		const samples = f.samples.map((s) => formatValue(s, f.unit)).join(', ');
		const base = f.baseline
			? `; baseline runs: ${f.baseline.samples.map((s) => formatValue(s, f.unit)).join(', ')}`
			: '';
		lines.push(`- ${md(f.name)}: runs ${samples}${base}${f.note ? ` (${f.note})` : ''}`);
	}
	lines.push(
		'',
		result.failures.length === 0
			? 'Failures: none.'
			: `**Failures (${result.failures.length})**, not counted in the figures:`,
		...result.failures.map((failure) => `- ${md(failure)}`),
		''
	);
}
for (const { file, error } of crashed) {
	lines.push(`## ${file}: did not finish`, '', '```', error, '```', '');
}
if (skipped.length > 0) {
	lines.push(`Skipped (no \`run\` export): ${skipped.join(', ')}.`, '');
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, lines.join('\n'));
try {
	// Formatted as the repository's `npm run lint` (prettier --check) expects.
	execSync(`node_modules/.bin/prettier --write ${JSON.stringify(out)}`, { stdio: 'ignore' });
} catch {
	// An unformatted report is still a report.
}
console.log(`\nwrote ${relative(process.cwd(), out)}`);
if (crashed.length > 0 || results.some((r) => r.failures.length > 0)) {
	process.exitCode = 1;
}
