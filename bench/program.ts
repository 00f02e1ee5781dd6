/**
 * Programme benchmark: `npx tsx bench/program.ts` (or through bench/run-all.ts, which calls run()).
 * 1,000 accepted guests in about 150 accounts (plus 30 of our people, 5 of them executives):
 * assigned to 20 tour groups, and seated at 100 tables by precedence; then one late acceptance
 * and the re-run with the first result as `previous`. Goals: each first run < 100 ms median, each
 * re-run < 20 ms median; the people moved by the re-run are printed (the goal is 0).
 * Baseline in the same run: dealing the same people round-robin into the groups/tables (no
 * rules), so the ratio says what the rules cost.
 */
import { assignTours, type TourGroupSpec, type TourPerson } from '../src/lib/domain/program/tours';
import { assignSeats, type SeatPerson, type TableSpec } from '../src/lib/domain/program/seating';
import { figure, runStandalone, type BenchOptions, type BenchResult } from './support/report';

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 15);

/** Deterministic pseudo-random numbers (mulberry32), so every run sees the same list. */
function random(seed: number) {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface Person {
	key: string;
	unit: string;
	host: boolean;
	executive: boolean;
	language: string | null;
	rank: number;
}

function people(): Person[] {
	const rnd = random(9);
	const out: Person[] = [];
	for (let h = 0; h < 30; h += 1) {
		out.push({
			key: `h${h}`,
			unit: `h${h}`,
			host: true,
			executive: h < 5,
			language: null,
			rank: h
		});
	}
	let account = 0;
	let guests = 0;
	while (guests < 1000) {
		// 1–12 people an account, about 6.7 on average: ~150 accounts.
		const size = Math.min(1000 - guests, 1 + Math.floor(rnd() * 12));
		const language = rnd() < 0.1 ? 'en' : rnd() < 0.5 ? 'zh' : null;
		for (let k = 0; k < size; k += 1) {
			out.push({
				key: `a${account}p${k}`,
				unit: `a${account}`,
				host: false,
				executive: false,
				language,
				rank: account * 100 + k
			});
		}
		guests += size;
		account += 1;
	}
	return out;
}

const groups: TourGroupSpec[] = Array.from({ length: 20 }, (_, i) => ({
	id: i + 1,
	capacity: 55,
	language: i % 5 === 4 ? 'en' : 'zh'
}));
const tables: TableSpec[] = Array.from({ length: 100 }, (_, i) => ({
	id: i + 1,
	seats: 12,
	head: i === 0,
	row: Math.floor(i / 10),
	col: i % 10
}));

function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

function time<T>(fn: () => T): [number, T] {
	const start = performance.now();
	const value = fn();
	return [performance.now() - start, value];
}

function roundRobin<T>(list: T[], slots: number): Map<T, number> {
	const out = new Map<T, number>();
	list.forEach((p, i) => out.set(p, (i % slots) + 1));
	return out;
}

export interface ProgramBenchResult {
	accounts: number;
	tours: { firstMs: number; rerunMs: number; moved: number; baselineMs: number };
	seating: { firstMs: number; rerunMs: number; moved: number; baselineMs: number };
}

export async function run(
	{ log }: BenchOptions = { quick: false, log: console.log }
): Promise<BenchResult> {
	const list = people();
	const accounts = new Set(list.filter((p) => !p.host).map((p) => p.unit)).size;
	const late: Person = {
		key: 'late',
		unit: 'a3',
		host: false,
		executive: false,
		language: null,
		rank: 350
	};
	const tourPeople: TourPerson[] = list.map((p) => ({
		key: p.key,
		unit: p.unit,
		language: p.language,
		executive: p.executive
	}));
	const seatPeople: SeatPerson[] = list.map((p) => ({
		key: p.key,
		unit: p.unit,
		host: p.host,
		rank: p.rank
	}));

	const t = { first: [] as number[], rerun: [] as number[], base: [] as number[], moved: 0 };
	const s = { first: [] as number[], rerun: [] as number[], base: [] as number[], moved: 0 };
	for (let i = 0; i < RUNS; i += 1) {
		const [tf, tr] = time(() => assignTours({ groups, people: tourPeople }));
		const [trr, tr2] = time(() =>
			assignTours({
				groups,
				people: [
					...tourPeople,
					{ key: late.key, unit: late.unit, language: null, executive: false }
				],
				previous: tr.assignment
			})
		);
		const [tb] = time(() => roundRobin(tourPeople, groups.length));
		t.first.push(tf);
		t.rerun.push(trr);
		t.base.push(tb);
		t.moved = tr2.moved.length;

		const [sf, sr] = time(() => assignSeats({ tables, people: seatPeople, entrance: 'bottom' }));
		const [srr, sr2] = time(() =>
			assignSeats({
				tables,
				people: [...seatPeople, { key: late.key, unit: late.unit, host: false, rank: late.rank }],
				entrance: 'bottom',
				previous: sr.seats
			})
		);
		const [sb] = time(() => roundRobin(seatPeople, tables.length));
		s.first.push(sf);
		s.rerun.push(srr);
		s.base.push(sb);
		s.moved = sr2.moved.length;
	}
	const result: ProgramBenchResult = {
		accounts,
		tours: {
			firstMs: median(t.first),
			rerunMs: median(t.rerun),
			moved: t.moved,
			baselineMs: median(t.base)
		},
		seating: {
			firstMs: median(s.first),
			rerunMs: median(s.rerun),
			moved: s.moved,
			baselineMs: median(s.base)
		}
	};
	const line = (name: string, r: ProgramBenchResult['tours']) =>
		`${name.padEnd(8)} first ${r.firstMs.toFixed(1)} ms (goal < 100), re-run after one acceptance ${r.rerunMs.toFixed(1)} ms (goal < 20), moved ${r.moved}; round-robin baseline ${r.baselineMs.toFixed(2)} ms (ratio ${(r.firstMs / Math.max(r.baselineMs, 0.001)).toFixed(0)}×)`;
	log(
		`programme: ${list.length - 30} guests in ${accounts} accounts + 30 of our people; 20 tour groups, 100 tables; median of ${RUNS}`
	);
	log(line('tours', result.tours));
	log(line('seating', result.seating));
	const baseline = { name: 'round-robin, no rules', samples: [] as number[] };
	const first = (what: string, samples: number[], base: number[]) =>
		figure({
			name: `${what}: first assignment of ${list.length} people`,
			unit: 'ms',
			better: 'lower',
			samples,
			baseline: { ...baseline, samples: base },
			goal: { text: 'median < 100 ms', test: (v) => v < 100 }
		});
	const rerun = (what: string, samples: number[], moved: number) =>
		figure({
			name: `${what}: re-run after one late acceptance (people moved: ${moved})`,
			unit: 'ms',
			better: 'lower',
			samples,
			goal: {
				text: 'median < 20 ms, nobody but the newcomer moved',
				test: (v) => v < 20 && moved === 0
			}
		});
	return {
		name: 'program',
		title: 'Tour groups and seating (bench/program.ts)',
		method: `${list.length - 30} accepted guests in ${accounts} accounts and 30 of our people into 20 tour groups and 100 tables; ${RUNS} runs each, the rules-free round-robin baseline timed in the same loop.`,
		figures: [
			first('tours', t.first, t.base),
			rerun('tours', t.rerun, t.moved),
			first('seating', s.first, s.base),
			rerun('seating', s.rerun, s.moved)
		],
		failures: []
	};
}

await runStandalone(import.meta.url, run);
