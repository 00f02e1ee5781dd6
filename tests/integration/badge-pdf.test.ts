import { describe, expect, it } from 'vitest';
import { renderBadgePdf, type RenderOptions } from '$lib/server/badges/pdf';
import {
	DEFAULT_FONT_SOURCES,
	loadBadgeFonts,
	loadFontChain,
	type BadgeFonts
} from '$lib/server/badges/fonts';
import { MM, sheetFor, type BadgeLayout } from '$lib/server/badges/layouts';
import { DEFAULT_PALETTE, parsePalette } from '$lib/server/badges/palette';
import { badgeLabels } from '$lib/server/badges/service';
import { preflightBadges } from '$lib/server/badges/preflight';
import type { Badge, BadgeRole } from '$lib/server/badges/types';
import {
	decodeQrCodes,
	fillColours,
	pageContents,
	pdfFonts,
	pdfPageCount,
	pdfText,
	pdfWords,
	streamToBuffer
} from '../helpers/pdf';

const event = {
	title: '2026年度重点客户答谢会',
	titleLatin: 'Key Account Appreciation Evening 2026',
	date: '2026年12月18日 · 18 Dec 2026',
	...badgeLabels()
};

let n = 0;
function badge(values: Partial<Badge> = {}): Badge {
	n++;
	return {
		key: String(n),
		inviteeId: n,
		role: 'guest',
		name: '王伟',
		nameLatin: 'Wang Wei',
		company: '上海百联集团股份有限公司',
		companyLatin: 'Shanghai Bailian Group',
		title: '采购总监',
		tableNumber: '5',
		tourGroup: 'A',
		qrText: `https://gala.example.com/gatherings/7/checkin?code=badgecode${n}xyz`,
		...values
	};
}

function render(badges: Badge[], options: Partial<RenderOptions> = {}) {
	return streamToBuffer(
		renderBadgePdf(badges, {
			layout: 'a6',
			palette: DEFAULT_PALETTE,
			fonts: loadBadgeFonts(),
			event,
			...options
		})
	);
}

const roles: BadgeRole[] = ['guest', 'executive', 'staff', 'companion'];

describe('badge PDF', () => {
	it('puts one badge on each A6 page and fills sheets row by row', async () => {
		const badges = Array.from({ length: 12 }, () => badge());
		const cases: [BadgeLayout, number][] = [
			['a6', 12],
			['a4-90x55', 2],
			['a4-4x3in', 3]
		];
		for (const [layout, pages] of cases) {
			expect(pdfPageCount(await render(badges, { layout })), layout).toBe(pages);
		}
	});

	it('prints Chinese and Latin names, company, title, table and the gathering', async () => {
		const pdf = await render([
			badge({ name: '欧阳娜娜', nameLatin: 'Nana Ouyang', company: '百联集团', title: '总经理' }),
			badge({ name: 'Anna Smith', nameLatin: null, company: 'Acme Ltd', title: 'Buyer' })
		]);
		const first = pdfText(pdf, 1);
		for (const text of [
			'欧阳娜娜',
			'Nana Ouyang',
			'百联集团',
			'总经理',
			'来宾',
			'GUEST',
			'桌号',
			'5'
		]) {
			expect(first).toContain(text);
		}
		expect(first).toContain('2026年度重点客户答谢会');
		expect(first).toContain('Key Account Appreciation Evening 2026');
		expect(pdfText(pdf, 2)).toContain('Anna Smith');
	});

	it('draws each role band in its own colour, from the gathering palette when set', async () => {
		const palette = parsePalette(JSON.stringify({ staff: '#1d4ed8' }));
		const pdf = await render(
			roles.map((role) => badge({ role })),
			{ compress: false, palette }
		);
		const pages = pageContents(pdf);
		expect(pages).toHaveLength(4);
		roles.forEach((role, i) => {
			expect(fillColours(pages[i]), role).toContain(palette[role].band);
			for (const other of roles.filter((r) => palette[r].band !== palette[role].band)) {
				expect(fillColours(pages[i])).not.toContain(palette[other].band);
			}
		});
		expect(palette.staff.band).toBe('#1d4ed8');
	});

	it('encodes each person’s check-in link in a QR code that scans, even on small cards', async () => {
		const badges = Array.from({ length: 4 }, () => badge());
		for (const layout of ['a6', 'a4-90x55'] as const) {
			const pdf = await render(badges, { layout });
			const found = layout === 'a6' ? decodeQrCodes(pdf, 2) : decodeQrCodes(pdf, 1);
			const expected = layout === 'a6' ? [badges[1].qrText] : badges.map((b) => b.qrText);
			expect(found.sort(), layout).toEqual(expected.sort());
		}
	});

	it('prints a name with 𠮷 in the fallback CJK font', async () => {
		const pdf = await render([badge({ name: '吉𠮷', nameLatin: null })]);
		expect(pdfFonts(pdf)).toMatch(/NotoSansCJKsc-Bold/);
		expect(pdfText(pdf)).toContain('吉𠮷');
		expect(preflightBadges([badge({ name: '吉𠮷' })])).toEqual([]);
	});

	it('still renders when the CJK collection is missing, and preflight names what is lost', async () => {
		const fonts: BadgeFonts = {
			regular: loadFontChain(DEFAULT_FONT_SOURCES.regular.filter((s) => s.id === 'sc')),
			bold: loadFontChain(DEFAULT_FONT_SOURCES.bold.filter((s) => s.id === 'sc-bold'))
		};
		const pdf = await render([badge({ name: '吉𠮷' })], { fonts });
		expect(pdfPageCount(pdf)).toBe(1);
		expect(pdfFonts(pdf)).not.toMatch(/NotoSansCJK/);
		const issues = preflightBadges([badge({ key: 'x', name: '吉𠮷' })], fonts);
		expect(issues).toMatchObject([{ key: 'x', field: 'name', chars: ['𠮷'] }]);
	});

	it('reports a name with a character no font has (private use) before printing', () => {
		const issues = preflightBadges([
			badge({ key: 'a', name: '李\uE000明' }),
			badge({ key: 'b', name: '王伟' }),
			badge({ key: 'c', name: 'Łukasz Nowak', company: 'Żabka' })
		]);
		expect(issues).toEqual([
			{ key: 'a', name: '李\uE000明', field: 'name', text: '李\uE000明', chars: ['\uE000'] }
		]);
	});

	it('mixes fonts within a name only when no single font has every character', async () => {
		const pdf = await render([badge({ name: 'Łukasz 王', nameLatin: null })]);
		expect(pdfText(pdf)).toContain('Łukasz');
		expect(pdfText(pdf)).toContain('王');
		expect(preflightBadges([badge({ name: 'Łukasz 王' })])).toEqual([]);
	});

	it('shrinks a long name to fit the card instead of running off it', async () => {
		const long = 'Maximilian Alexander Montgomery-Whitfield';
		const pdf = await render([badge({ name: long, nameLatin: null, role: 'executive' })], {
			layout: 'a4-90x55'
		});
		const sheet = sheetFor('a4-90x55');
		const right = sheet.origin.x + sheet.card.w - sheet.padding;
		const words = pdfWords(pdf).filter((w) => long.includes(w.text));
		expect(words.length).toBeGreaterThanOrEqual(3);
		for (const word of words) {
			expect(word.xMax).toBeLessThanOrEqual(right - 20 * MM);
		}
	});

	it('breaks a long Latin name onto two lines, still the largest text, clear of the QR', async () => {
		const long = 'Maximilian Alexander Montgomery-Whitfield';
		for (const layout of ['a6', 'a4-90x55'] as const) {
			const pdf = await render(
				[badge({ name: long, nameLatin: null, company: 'Whitfield & Sons Trading Co., Ltd.' })],
				{ layout }
			);
			const words = pdfWords(pdf);
			const nameWords = words.filter((w) => long.split(' ').includes(w.text));
			expect(nameWords.map((w) => w.text).sort(), layout).toEqual(long.split(' ').sort());
			const lines = new Set(nameWords.map((w) => Math.round(w.yMax)));
			expect(lines.size, layout).toBe(2);
			const nameHeight = Math.min(...nameWords.map((w) => w.yMax - w.yMin));
			for (const other of words.filter((w) => ['Whitfield', 'Sons', 'Trading'].includes(w.text))) {
				expect(nameHeight, layout).toBeGreaterThan(other.yMax - other.yMin);
			}
			const sheet = sheetFor(layout);
			const right = sheet.origin.x + sheet.card.w - sheet.padding;
			const qrLeft = layout === 'a6' ? right : right - 25 * MM;
			for (const word of nameWords) {
				expect(word.xMax, layout).toBeLessThanOrEqual(qrLeft);
			}
		}
	});

	it('keeps a large name clear of the role band above it', async () => {
		const pdf = await render([badge({ role: 'executive', name: '王伟', nameLatin: null })]);
		const word = pdfWords(pdf).find((w) => w.text === '王伟');
		// A6: the band spans 10–32 mm from the top edge; the name's ascent box starts below it.
		expect(word?.yMin).toBeGreaterThan((10 + 22) * MM);
	});

	it('prints 䶮 (Extension A) and 𠮷 (Extension B) in names and companies', async () => {
		const pdf = await render([
			badge({ name: '刘䶮', nameLatin: 'Liu Yan', company: '吉𠮷䶮源科技' })
		]);
		const text = pdfText(pdf);
		expect(text).toContain('刘䶮');
		expect(text).toContain('吉𠮷䶮源科技');
		expect(preflightBadges([badge({ name: '刘䶮', company: '吉𠮷䶮源科技' })])).toEqual([]);
	});

	it('gives guests and executives a larger name than staff and companions', async () => {
		const pdf = await render([
			badge({ role: 'guest', name: '王伟' }),
			badge({ role: 'staff', name: '王伟' })
		]);
		const height = (page: number) => {
			const word = pdfWords(pdf, page).find((w) => w.text === '王伟');
			return word ? word.yMax - word.yMin : 0;
		};
		expect(height(1)).toBeGreaterThan(height(2) * 1.2);
	});

	it('lets other work run while a long run renders, every batch of badges', async () => {
		// Stands for other users' requests: a task that needs the event loop again and again.
		let turns = 0;
		let running = true;
		const other = () => {
			if (running) {
				turns++;
				setImmediate(other);
			}
		};
		other();
		await render(
			Array.from({ length: 200 }, () => badge()),
			{ batch: 25 }
		);
		running = false;
		// 200 badges in batches of 25: the other work gets a turn between batches at least.
		expect(turns).toBeGreaterThanOrEqual(200 / 25);
	});

	it('streams in pieces instead of building the whole file first', async () => {
		const reader = renderBadgePdf(
			Array.from({ length: 120 }, () => badge()),
			{ layout: 'a6', palette: DEFAULT_PALETTE, fonts: loadBadgeFonts(), event, batch: 25 }
		).getReader();
		let chunks = 0;
		for (;;) {
			const { done } = await reader.read();
			if (done) {
				break;
			}
			chunks++;
		}
		expect(chunks).toBeGreaterThanOrEqual(5);
	});
});
