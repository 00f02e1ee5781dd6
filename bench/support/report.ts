/**
 * The contract every benchmark keeps, so `npm run bench` (bench/run-all.ts) can run it and put
 * its figures in bench/RESULTS.md. A benchmark is a file `bench/<name>.ts` that
 *
 *   export async function run(options: BenchOptions): Promise<BenchResult>
 *
 * and, when started by itself (`npx tsx bench/<name>.ts`), runs the same and prints it with
 * `runStandalone(import.meta.url, run)`. `run()` measures after a warm-up, at least three runs
 * (`options.quick`: fewer and smaller, a smoke check only), alternating Gala with its baseline
 * so that drifting load on a shared machine favours neither, and reports the median.
 * Requests or sends that went wrong are counted in `failures`, never folded into a figure.
 */
import { pathToFileURL } from 'node:url';

export interface BenchOptions {
	/** A smoke check: fewer runs, smaller inputs; figures are not worth comparing. */
	quick: boolean;
	/** Progress lines (run-all indents them under the benchmark's name). */
	log: (line: string) => void;
}

export interface Figure {
	/** What is measured, e.g. "RSVP answers per second (50 clients)". */
	name: string;
	unit: string;
	/** The median of `samples`. */
	value: number;
	/** One value per measured run, warm-up excluded. */
	samples: number[];
	/** Lower is better (times, memory) or higher is better (rates). */
	better: 'lower' | 'higher';
	/** The same work done the bare way, measured in the same run, alternating with Gala's. */
	baseline?: { name: string; value: number; samples: number[] };
	/** value / baseline (median of the runs' ratios when each run has both). */
	ratio?: number;
	goal?: { text: string; met: boolean };
	note?: string;
}

export interface BenchResult {
	name: string;
	title: string;
	/** How it measures: inputs, warm-up, runs, alternation. */
	method: string;
	figures: Figure[];
	/** Errors, timeouts, unexpected statuses: counted, reported, kept out of the figures. */
	failures: string[];
}

export type BenchRun = (options: BenchOptions) => Promise<BenchResult>;

export function median(values: number[]): number {
	if (values.length === 0) {
		return Number.NaN;
	}
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A figure from its samples; with paired baseline samples the ratio is the median of pairs. */
export function figure(
	spec: Omit<Figure, 'value' | 'baseline' | 'ratio' | 'goal'> & {
		baseline?: { name: string; samples: number[] };
		goal?: { text: string; test: (value: number, ratio: number | undefined) => boolean };
	}
): Figure {
	const value = median(spec.samples);
	const baseline = spec.baseline && {
		name: spec.baseline.name,
		samples: spec.baseline.samples,
		value: median(spec.baseline.samples)
	};
	let ratio: number | undefined;
	if (baseline) {
		ratio =
			baseline.samples.length === spec.samples.length
				? median(spec.samples.map((v, i) => v / baseline.samples[i]))
				: value / baseline.value;
	}
	const { goal, ...rest } = spec;
	return {
		...rest,
		value,
		baseline,
		ratio,
		goal: goal && { text: goal.text, met: goal.test(value, ratio) }
	};
}

export function formatValue(value: number, unit: string): string {
	if (!Number.isFinite(value)) {
		return '—';
	}
	const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
	return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
}

/** The result as plain lines, for a benchmark run by itself. */
export function printResult(result: BenchResult, log = console.log): void {
	log('');
	log(`${result.title}`);
	for (const f of result.figures) {
		const base = f.baseline
			? `  baseline ${formatValue(f.baseline.value, f.unit)} (${f.baseline.name})  ratio ${f.ratio?.toFixed(2)}`
			: '';
		const goal = f.goal ? `  ${f.goal.met ? 'MET' : 'MISSED'}: ${f.goal.text}` : '';
		log(
			`  ${f.name}: ${formatValue(f.value, f.unit)} (median of ${f.samples.length})${base}${goal}`
		);
	}
	if (result.failures.length > 0) {
		log(`  FAILURES (${result.failures.length}):`);
		for (const failure of result.failures) {
			log(`    ${failure}`);
		}
	}
}

/** True when `moduleUrl` is the script node was started with (not imported by run-all). */
export function isMain(moduleUrl: string): boolean {
	return Boolean(process.argv[1]) && pathToFileURL(process.argv[1]).href === moduleUrl;
}

/** `npx tsx bench/<name>.ts [--quick]`: runs the benchmark and prints its figures. */
export async function runStandalone(moduleUrl: string, run: BenchRun): Promise<void> {
	if (!isMain(moduleUrl)) {
		return;
	}
	const result = await run({ quick: process.argv.includes('--quick'), log: console.log });
	printResult(result);
	if (result.failures.length > 0) {
		process.exitCode = 1;
	}
}
