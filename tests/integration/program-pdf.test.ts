import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '$lib/server/db';
import { createTestDb } from '../helpers/db';
import { pdfPageCount, pdfText } from '../helpers/pdf';
import { programmeFixture, type ProgrammeFixture } from '../helpers/program';
import { agendaPdf, rosterPdf, runSheetPdf, seatingChartPdf } from '$lib/server/program/pdfs';
import { autoAssignTours, loadTours, saveGroup } from '$lib/server/program/tours';
import { addTables, autoSeat } from '$lib/server/program/seating';
import { setDesignated, useStandardOrder } from '$lib/server/program/banquet';
import { listAttendees } from '$lib/server/program/attendees';

let db: Db;
let f: ProgrammeFixture;
beforeEach(async () => {
	db = await createTestDb();
	f = await programmeFixture(db, [3, 2, 2, 1], { companionsOfFirst: ['赵太太'] });
});
afterEach(async () => {
	await db.destroy();
});

/** Every word's box, as pdftotext -bbox reports it, inside its page. */
function wordsOutsidePage(pdf: Buffer): string[] {
	const dir = mkdtempSync(join(tmpdir(), 'gala-prog-'));
	try {
		const path = join(dir, 'in.pdf');
		writeFileSync(path, pdf);
		const html = execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8' });
		const outside: string[] = [];
		for (const page of html.split('<page ').slice(1)) {
			const w = Number(/width="([\d.]+)"/.exec(page)![1]);
			const h = Number(/height="([\d.]+)"/.exec(page)![1]);
			for (const m of page.matchAll(
				/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g
			)) {
				const [x0, y0, x1, y1] = m.slice(1, 5).map(Number);
				if (x0 < 0 || y0 < 0 || x1 > w || y1 > h) {
					outside.push(m[5]);
				}
			}
		}
		return outside;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

async function names() {
	return (await listAttendees(db, f.gatheringId)).map((a) => a.name);
}

describe('programme PDFs', () => {
	it('agenda: bilingual, one page, all text on the page', async () => {
		const pdf = await agendaPdf(db, f.gatheringId);
		const text = pdfText(pdf);
		expect(text).toContain('重点客户答谢会');
		expect(text).toContain('分组参观成品仓库和主要生产车间');
		expect(text).toContain('Banquet');
		expect(text).toContain('18:00–18:15');
		expect(pdfPageCount(pdf)).toBe(1);
		expect(wordsOutsidePage(pdf)).toEqual([]);
	});

	it('rosters: a page per group with Chinese names, companies and phones', async () => {
		const item = (await loadTours(db, f.gatheringId)).items[0];
		for (const name of ['一组', '二组']) {
			await saveGroup(
				db,
				f.gatheringId,
				{
					item_id: item.id,
					name,
					guide_invitee_id: f.sales,
					language: 'zh',
					capacity: 10,
					start_offset_min: 0,
					route: '成品仓库 | 20 | 请勿越过黄线'
				},
				null
			);
		}
		await autoAssignTours(db, f.gatheringId, item.id, null);
		const pdf = await rosterPdf(db, f.gatheringId);
		expect(pdfPageCount(pdf)).toBe(2);
		const text = pdfText(pdf);
		for (const name of (await names()).filter((n) => n !== '王芳')) {
			expect(text).toContain(name);
		}
		expect(text).toContain('王芳');
		expect(text).toContain('请勿越过黄线');
		expect(text).toContain('13800000000');
		expect(wordsOutsidePage(pdf)).toEqual([]);
	});

	it('run sheet: segments with who and the MC lines, in the chosen language', async () => {
		await setDesignated(db, f.gatheringId, f.accounts[0].invitees[0]);
		await useStandardOrder(db, f.gatheringId, null);
		const zh = pdfText(await runSheetPdf(db, f.gatheringId, 'zh-CN'));
		expect(zh).toContain('总经理致辞');
		expect(zh).toContain('这位是我们公司的总经理张伟。');
		expect(zh).toContain('赵明0');
		const enPdf = await runSheetPdf(db, f.gatheringId, 'en');
		const en = pdfText(enPdf);
		expect(en).toContain('This is Zhang Wei, our General Manager.');
		expect(pdfPageCount(enPdf)).toBeGreaterThanOrEqual(1);
		expect(wordsOutsidePage(enPdf)).toEqual([]);
	});

	it('seating chart: the plan, then everyone in pinyin order with table and seat', async () => {
		await addTables(db, f.gatheringId, 3, 8, 2);
		await autoSeat(db, f.gatheringId, null);
		const pdf = await seatingChartPdf(db, f.gatheringId);
		expect(pdfPageCount(pdf)).toBe(2);
		const list = pdfText(pdf, 2);
		const order = (await listAttendees(db, f.gatheringId))
			.sort((a, b) => a.nameSort.localeCompare(b.nameSort))
			.map((a) => a.name);
		const positions = order.map((n) => list.indexOf(n));
		expect(positions.every((p) => p >= 0)).toBe(true);
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);
		expect(pdfText(pdf, 1)).toContain('入口');
		expect(wordsOutsidePage(pdf)).toEqual([]);
	});
});
