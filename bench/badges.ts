/**
 * Badge PDF benchmark: `npx tsx bench/badges.ts` (`--quick` for a smoke check), or through
 * `npm run bench`. Each case runs in its own child process, so the peak RSS it reports is that
 * case's alone; inside it, 50 badges are rendered unmeasured first (warm-up), then the case.
 * Three rounds of the 1,000-badge cases, Gala and baseline in alternating order; the 10,000-badge
 * cases once (they show that memory stays flat, not speed).
 * Cases: Gala's renderer (A6 and A4 sheets, 1,000 and 10,000 badges, streamed to a file) and a
 * bare pdfkit baseline drawing the same text with the same fonts and the same vector QR, with no
 * layout logic (fixed positions and sizes, no measuring, no fallback fonts, no yielding).
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { loadBadgeFonts } from '../src/lib/server/badges/fonts';
import { cardBox, sheetFor, type BadgeLayout } from '../src/lib/server/badges/layouts';
import { DEFAULT_PALETTE } from '../src/lib/server/badges/palette';
import { renderBadgePdf } from '../src/lib/server/badges/pdf';
import { qrMatrix } from '../src/lib/server/badges/qr';
import type { Badge, BadgeEventText, BadgeRole } from '../src/lib/server/badges/types';
import {
	figure,
	isMain,
	median,
	runStandalone,
	type BenchOptions,
	type BenchResult
} from './support/report';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, 'out');

const event: BadgeEventText = {
	title: '2026年度重点客户答谢会',
	titleLatin: 'Key Account Appreciation Evening 2026',
	date: '2026年12月18日 · 18 Dec 2026',
	roleLabels: {
		guest: { zh: '来宾', en: 'Guest' },
		general_manager: { zh: '总经理', en: 'General manager' },
		executive: { zh: '高管', en: 'Executive' },
		staff: { zh: '工作人员', en: 'Staff' },
		companion: { zh: '随行人员', en: 'Companion' }
	},
	tableLabel: '桌号 Table',
	tourLabel: '参观组 Tour'
};

/** Deterministic people: mostly Chinese names, some Latin, a few rare characters (𠮷). */
function makeBadges(count: number): Badge[] {
	let seed = 42;
	const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
	const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
	const family = Array.from(
		'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧阳司马上官'
	);
	const given = Array.from(
		'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬飞鹏辉斌宇浩凯健俊帆帅旭宁龙林欣晨雨婷佳怡琳雪梅丹倩颖慧博文轩'
	);
	const latin = [
		'Anna Smith',
		'John Miller',
		'Maximilian Montgomery-Whitfield',
		'Sophie Martin',
		'Kenji Tanaka'
	];
	const companies = Array.from(
		{ length: 80 },
		(_, i) =>
			`${pick(['上海', '北京', '广州', '深圳', '杭州', '成都', '武汉', '南京'])}${pick(['百联', '华润', '永辉', '恒通', '嘉禾', '中原', '万家福'])}${pick(['商贸有限公司', '集团股份有限公司', '经销部', '供应链有限公司'])}${i}`
	);
	const titles = ['采购总监', '总经理', '副总经理', '销售经理', '门店经理', 'Buyer', '采购经理'];
	const roles: BadgeRole[] = [
		'guest',
		'guest',
		'guest',
		'guest',
		'guest',
		'guest',
		'guest',
		'executive',
		'staff',
		'companion'
	];
	return Array.from({ length: count }, (_, i) => {
		const isLatin = rand() < 0.05;
		const name =
			i % 500 === 7
				? '吉𠮷'
				: isLatin
					? pick(latin)
					: pick(family) + pick(given) + (rand() < 0.6 ? pick(given) : '');
		return {
			key: String(i + 1),
			inviteeId: i + 1,
			role: pick(roles),
			name,
			nameLatin: !isLatin && rand() < 0.3 ? 'Wang Xiaoming' : null,
			company: pick(companies),
			companyLatin: rand() < 0.3 ? 'Shanghai Bailian Group Co., Ltd.' : null,
			title: pick(titles),
			tableNumber: String(1 + Math.floor(rand() * 60)),
			tourGroup: pick(['A', 'B', 'C', 'D', 'E', 'F']),
			qrText: `https://gala.example.com/gatherings/12/checkin?code=${(i * 7919).toString(36).padStart(16, 'k')}`
		};
	});
}

/** Same text, same fonts, same QR runs, fixed positions: what pdfkit costs with no layout logic. */
async function baseline(badges: Badge[], layout: BadgeLayout, file: string, withQr: boolean) {
	const fonts = loadBadgeFonts();
	const sheet = sheetFor(layout);
	const perPage = sheet.cols * sheet.rows;
	const doc = new PDFDocument({ autoFirstPage: false, size: sheet.page, margin: 0 });
	doc.registerFont('r', fonts.regular[0].font() as unknown as Buffer);
	doc.registerFont('b', fonts.bold[0].font() as unknown as Buffer);
	const done = pipeline(doc, createWriteStream(file));
	const s = sheet.shape === 'portrait' ? 1.6 : 1;
	badges.forEach((badge, i) => {
		if (i % perPage === 0) {
			doc.addPage({ size: sheet.page, margin: 0 });
		}
		const { x, y } = cardBox(sheet, i % perPage);
		const line = (text: string | null, font: string, size: number, dy: number) => {
			if (text) {
				doc
					.font(font)
					.fontSize(size * s)
					.fillColor('#1c1917')
					.text(text, x + 12, y + dy * s, { lineBreak: false });
			}
		};
		doc.rect(x + 10, y + 10, 100 * s, 28 * s).fill(DEFAULT_PALETTE[badge.role].band);
		line(event.roleLabels[badge.role].zh, 'b', 13, 14);
		line(event.roleLabels[badge.role].en, 'r', 7, 18);
		line(event.date, 'r', 6.5, 18);
		line(badge.name, 'b', 20, 40);
		line(badge.nameLatin, 'r', 9, 64);
		line(badge.company, 'r', 8, 76);
		line(badge.companyLatin, 'r', 8, 88);
		line(badge.title, 'r', 7, 98);
		line(
			`${event.tableLabel} ${badge.tableNumber}   ${event.tourLabel} ${badge.tourGroup}`,
			'b',
			7.5,
			108
		);
		line(`${event.title} · ${event.titleLatin}`, 'r', 6, 140);
		if (withQr) {
			const { runs } = qrMatrix(badge.qrText);
			doc
				.save()
				.translate(x + 180, y + 40)
				.scale(1.6);
			for (const run of runs) {
				doc.rect(run.col, run.row, run.length, 1);
			}
			doc.fill('#1c1917').restore();
		}
	});
	doc.end();
	await done;
}

async function gala(badges: Badge[], layout: BadgeLayout, file: string) {
	const stream = renderBadgePdf(badges, {
		layout,
		palette: DEFAULT_PALETTE,
		fonts: loadBadgeFonts(),
		event
	});
	await pipeline(
		Readable.fromWeb(stream as import('node:stream/web').ReadableStream),
		createWriteStream(file)
	);
}

interface CaseResult {
	name: string;
	count: number;
	renderMs: number;
	/** CPU time (user + system) of the render: steadier than wall time on a shared machine. */
	cpuMs: number;
	fontLoadMs: number;
	peakRssMb: number;
	sizeMb: number;
	maxStallMs: number;
}

const CASES: Record<
	string,
	{ kind: 'gala' | 'base' | 'text'; layout: BadgeLayout; count: number }
> = {
	'gala a6 1k': { kind: 'gala', layout: 'a6', count: 1000 },
	'base a6 1k': { kind: 'base', layout: 'a6', count: 1000 },
	'text a6 1k': { kind: 'text', layout: 'a6', count: 1000 },
	'gala a4 1k': { kind: 'gala', layout: 'a4-90x55', count: 1000 },
	'base a4 1k': { kind: 'base', layout: 'a4-90x55', count: 1000 },
	'gala a6 10k': { kind: 'gala', layout: 'a6', count: 10000 },
	'gala a4 10k': { kind: 'gala', layout: 'a4-90x55', count: 10000 }
};

async function runCase(name: string): Promise<CaseResult> {
	const spec = CASES[name];
	mkdirSync(outDir, { recursive: true });
	const file = join(outDir, `${name.replace(/\s+/g, '-')}.pdf`);
	const badges = makeBadges(spec.count);
	let t = performance.now();
	loadBadgeFonts();
	const fontLoadMs = performance.now() - t;
	// Warm-up: the same code on a few badges, unmeasured (JIT, font subsetting paths).
	const warm = makeBadges(50);
	if (spec.kind === 'gala') {
		await gala(warm, spec.layout, `${file}.warm`);
	} else {
		await baseline(warm, spec.layout, `${file}.warm`, spec.kind === 'base');
	}
	// The longest time other requests would have waited: the largest gap between ticks of a
	// 1 ms timer while rendering.
	let last = performance.now();
	let maxStallMs = 0;
	const ticker = setInterval(() => {
		const now = performance.now();
		maxStallMs = Math.max(maxStallMs, now - last);
		last = now;
	}, 1);
	t = performance.now();
	const cpu = process.cpuUsage();
	if (spec.kind === 'gala') {
		await gala(badges, spec.layout, file);
	} else {
		await baseline(badges, spec.layout, file, spec.kind === 'base');
	}
	const renderMs = performance.now() - t;
	const used = process.cpuUsage(cpu);
	const cpuMs = (used.user + used.system) / 1000;
	clearInterval(ticker);
	maxStallMs = Math.max(maxStallMs, performance.now() - last);
	return {
		name,
		count: spec.count,
		renderMs,
		cpuMs,
		fontLoadMs,
		peakRssMb: (process.resourceUsage().maxRSS * 1024) / 2 ** 20,
		sizeMb: statSync(file).size / 1e6,
		maxStallMs
	};
}

function runChild(name: string): CaseResult {
	const child = spawnSync(
		process.execPath,
		['--import', 'tsx', fileURLToPath(import.meta.url), '--case', name],
		{
			encoding: 'utf8'
		}
	);
	if (child.status !== 0) {
		throw new Error(`${name} failed:\n${child.stderr}`);
	}
	return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as CaseResult;
}

export async function run({ quick, log }: BenchOptions): Promise<BenchResult> {
	const runs = quick ? 1 : 3;
	const names = Object.keys(CASES).filter((name) => !(quick && name.includes('10k')));
	// Rounds rather than one case at a time, the order reversed every other round: on a shared
	// machine the load drifts, and Gala and its baseline should meet the same drift.
	const samplesOf: Record<string, CaseResult[]> = {};
	for (let round = 0; round < runs; round++) {
		const order = round % 2 === 0 ? names : [...names].reverse();
		for (const name of order) {
			if (round === 0 || !name.includes('10k')) {
				const r = runChild(name);
				(samplesOf[name] ??= []).push(r);
				log(
					`round ${round + 1} ${name.padEnd(12)} ${String(r.count).padStart(6)} badges  ${(r.renderMs / 1000).toFixed(2)} s (cpu ${(r.cpuMs / 1000).toFixed(2)} s)  ` +
						`peak ${r.peakRssMb.toFixed(0)} MiB  ${r.sizeMb.toFixed(2)} MB  longest event-loop stall ${r.maxStallMs.toFixed(0)} ms`
				);
			}
		}
	}
	const pick = (name: string, key: keyof CaseResult) =>
		(samplesOf[name] ?? []).map((s) => Number(s[key]));
	const figures = [];
	for (const [layout, label] of [
		['a6', 'A6, one a page'],
		['a4', 'A4 sheets, 10 a page']
	] as const) {
		const g = `gala ${layout} 1k`;
		const b = `base ${layout} 1k`;
		figures.push(
			figure({
				name: `${label}: 1,000 badges, render time`,
				unit: 's',
				better: 'lower',
				samples: pick(g, 'renderMs').map((ms) => ms / 1000),
				baseline: {
					name: 'bare pdfkit, same text, fonts and QR',
					samples: pick(b, 'renderMs').map((ms) => ms / 1000)
				},
				goal: { text: '< 2 s and ≤ 1.5× baseline', test: (v, r) => v < 2 && (r ?? 9) <= 1.5 }
			}),
			figure({
				name: `${label}: 1,000 badges, CPU time`,
				unit: 's',
				better: 'lower',
				samples: pick(g, 'cpuMs').map((ms) => ms / 1000),
				baseline: {
					name: 'bare pdfkit',
					samples: pick(b, 'cpuMs').map((ms) => ms / 1000)
				},
				note: 'steadier than wall time on a shared machine'
			}),
			figure({
				name: `${label}: 1,000 badges, peak memory`,
				unit: 'MiB',
				better: 'lower',
				samples: pick(g, 'peakRssMb'),
				baseline: { name: 'bare pdfkit', samples: pick(b, 'peakRssMb') },
				goal: { text: '< 250 MB', test: (v) => v < 250 }
			}),
			figure({
				name: `${label}: 1,000 badges, PDF size`,
				unit: 'MB',
				better: 'lower',
				samples: pick(g, 'sizeMb'),
				baseline: { name: 'bare pdfkit', samples: pick(b, 'sizeMb') },
				goal: { text: '< 3 MB', test: (v) => v < 3 }
			}),
			figure({
				name: `${label}: longest event-loop stall while rendering 1,000`,
				unit: 'ms',
				better: 'lower',
				samples: pick(g, 'maxStallMs'),
				baseline: { name: 'bare pdfkit (never yields)', samples: pick(b, 'maxStallMs') }
			})
		);
		const big = `gala ${layout} 10k`;
		if (samplesOf[big]) {
			const small = median(pick(g, 'peakRssMb'));
			figures.push(
				figure({
					name: `${label}: 10,000 badges streamed, peak memory (one run)`,
					unit: 'MiB',
					better: 'lower',
					samples: pick(big, 'peakRssMb'),
					goal: {
						text: `< 1.25× the 1,000-badge peak (${small.toFixed(0)} MiB)`,
						test: (v) => v < small * 1.25
					},
					note: `${(median(pick(big, 'renderMs')) / 1000).toFixed(1)} s`
				})
			);
		}
	}
	mkdirSync(outDir, { recursive: true });
	writeFileSync(join(outDir, 'badges.json'), JSON.stringify(samplesOf, null, '\t'));
	return {
		name: 'badges',
		title: 'Badge PDFs (bench/badges.ts)',
		method:
			`Each case in its own process after a 50-badge warm-up; ${runs} round(s) of the 1,000-badge cases, ` +
			'Gala and bare pdfkit in alternating order; the 10,000-badge cases once.',
		failures: [],
		figures
	};
}

const caseIndex = process.argv.indexOf('--case');
if (caseIndex !== -1 && isMain(import.meta.url)) {
	console.log(JSON.stringify(await runCase(process.argv[caseIndex + 1])));
} else {
	await runStandalone(import.meta.url, run);
}
