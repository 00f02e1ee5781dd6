import { chromium, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeQrCodes, pdfText } from '../helpers/pdf';
import { ADMIN, ADMIN_STATE } from './support/env';
import { writeQrVideo } from './support/fake-camera';
import { expect, hydrated, test, waitsForHydration } from './support/test';
import { seedCheckinGathering, type SeededGathering, type SeededPerson } from './support/seed';

// The door, as staff use it: a badge printed from the badges page, its QR read by a USB scanner
// (which types the link and presses Enter), people found by name or pinyin initials, and the
// live counts moving with every arrival and every undo.

function totals(page: Page, arrived: number, expected: number) {
	return page.getByText(`已到 ${arrived} / 应到 ${expected}`);
}

/** The live count card for one role, e.g. "来宾 1 / 3". */
function roleCount(page: Page, role: string) {
	return page.getByRole('region', { name: '每隔几秒自动更新' }).getByRole('listitem').filter({
		hasText: role
	});
}

/** Types into the door search; Enter submits even before the page's script has loaded. */
async function search(page: Page, text: string) {
	const box = page.getByLabel('姓名、拼音首字母或公司');
	await box.fill(text);
	await box.press('Enter');
	await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(text)}`));
}

function searchResult(page: Page, person: SeededPerson) {
	return page
		.getByRole('region', { name: '查找人员' })
		.getByRole('listitem')
		.filter({ hasText: person.name });
}

/** Types like a USB barcode scanner: every character of the code, then Enter. */
async function scan(page: Page, text: string) {
	const input = page.getByLabel('胸卡码');
	await input.click();
	await input.pressSequentially(text, { delay: 5 });
	await input.press('Enter');
}

async function badgePdf(page: Page, gathering: SeededGathering, person: SeededPerson) {
	await page.goto(`/gatherings/${gathering.id}/badges`);
	const row = page.getByRole('listitem').filter({ hasText: person.name });
	const downloading = page.waitForEvent('download');
	await row.getByRole('button', { name: '打印胸卡' }).click();
	const download = await downloading;
	const path = await download.path();
	// The run is marked printed once the PDF is made.
	await expect(row.getByText(/已于 .+ 打印/)).toBeVisible();
	return readFileSync(path);
}

test('checks people in by scanning a printed badge and by search; counts move, undo works', async ({
	page
}) => {
	const g = await seedCheckinGathering();
	const [wang, li] = g.people;
	// 3 guests (one announces a companion), an executive and a member of staff.
	const expected = 6;

	// The badge from the badges page is a PDF with the person's name and a QR with their link.
	const pdf = await badgePdf(page, g, wang);
	expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	expect(pdfText(pdf)).toContain(wang.name);
	const [link] = decodeQrCodes(pdf);
	expect(link).toContain(`/gatherings/${g.id}/checkin?code=${wang.code}`);

	await page.goto(`/gatherings/${g.id}/checkin`);
	await expect(totals(page, 0, expected)).toBeVisible();
	const missing = page.getByRole('region', { name: '尚未到场的重点客户来宾' });
	await expect(missing.getByText(wang.name)).toBeVisible();

	// A USB scanner types the QR's link and Enter.
	await scan(page, link);
	await expect(page.getByRole('status').filter({ hasText: `${wang.name} 已签到。` })).toBeVisible();
	await expect(totals(page, 1, expected)).toBeVisible();
	await expect(roleCount(page, '来宾')).toContainText('1 / 3');
	await expect(missing.getByText(wang.name)).toHaveCount(0);

	// The same badge again is "already", not a second arrival.
	await scan(page, wang.code);
	await expect(page.getByRole('status').filter({ hasText: `${wang.name} 已于` })).toBeVisible();
	await expect(totals(page, 1, expected)).toBeVisible();

	// Search by pinyin initials, check in, count her companion.
	await search(page, 'lxy');
	const row = searchResult(page, li);
	await expect(row).toBeVisible();
	await row.getByRole('button', { name: '签到' }).click();
	// When and by whom.
	await expect(row.getByText(new RegExp(`到达 · 经办：${ADMIN.name}`))).toBeVisible();
	await expect(totals(page, 2, expected)).toBeVisible();
	await row.getByRole('button', { name: '随行人员加一' }).click();
	await expect(totals(page, 3, expected)).toBeVisible();
	await expect(roleCount(page, '随行')).toContainText('1 / 1');

	// Search by name finds the executive; undo takes an arrival back off the count.
	const [, , , boss] = g.people;
	await search(page, boss.name);
	await searchResult(page, boss).getByRole('button', { name: '签到' }).click();
	await expect(totals(page, 4, expected)).toBeVisible();
	await expect(roleCount(page, '高管')).toContainText('1 / 1');
	await searchResult(page, boss).getByRole('button', { name: '撤销' }).click();
	await expect(totals(page, 3, expected)).toBeVisible();
	await expect(roleCount(page, '高管')).toContainText('0 / 1');

	// A walk-in is added checked in, and can get a badge at once.
	const walkIn = page.getByRole('region', { name: '现场登记' });
	await walkIn.getByLabel('姓名', { exact: true }).fill(`周到${g.suffix}`);
	await walkIn.getByRole('button', { name: '登记并签到' }).click();
	await expect(walkIn.getByText(`周到${g.suffix} 已登记并签到。`)).toBeVisible();
	await expect(totals(page, 4, expected + 1)).toBeVisible();
	// The badge button is driven by the page's script.
	await hydrated(page);
	const downloading = page.waitForEvent('download');
	await walkIn.getByRole('button', { name: '打印胸卡' }).click();
	expect(pdfText(readFileSync(await (await downloading).path()))).toContain(`周到${g.suffix}`);
});

test('checks in at the door on a phone: search, tap, scan @phone', async ({ page }) => {
	const g = await seedCheckinGathering();
	const [wang, , chen] = g.people;
	await page.goto(`/gatherings/${g.id}/checkin`);
	await expect(totals(page, 0, 6)).toBeVisible();

	await search(page, 'csy');
	await searchResult(page, chen).getByRole('button', { name: '签到' }).click();
	await expect(totals(page, 1, 6)).toBeVisible();

	// A scanner paired with the phone types the code as well.
	await scan(page, wang.code);
	await expect(page.getByRole('status').filter({ hasText: `${wang.name} 已签到。` })).toBeVisible();
	await expect(totals(page, 2, 6)).toBeVisible();
	await expect(roleCount(page, '来宾')).toContainText('2 / 3');

	// The phone's own camera app opens a badge's link: the page asks, then checks in.
	const [, li, , , zhao] = g.people;
	await page.goto(`/gatherings/${g.id}/checkin?code=${zhao.code}`);
	await expect(page.getByRole('heading', { name: '为此人签到？' })).toBeVisible();
	await page.getByRole('button', { name: '确认签到' }).click();
	await expect(page).toHaveURL(new RegExp(`/gatherings/${g.id}/checkin$`));
	await expect(totals(page, 3, 6)).toBeVisible();
	await expect(roleCount(page, '工作人员')).toContainText('1 / 1');
	// A companion's badge link counts the companion, not the host.
	await page.goto(`/gatherings/${g.id}/checkin?code=${li.code}&companion=1`);
	await page.getByRole('button', { name: '确认随行人员已到' }).click();
	await expect(totals(page, 4, 6)).toBeVisible();
	await expect(roleCount(page, '随行')).toContainText('1 / 1');

	// Nothing on the page is wider than the phone.
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
});

test('a file attached on the materials page downloads from an accepted guest’s RSVP link', async ({
	page,
	browser,
	baseURL
}) => {
	const g = await seedCheckinGathering();
	const [wang] = g.people;
	const filename = `日程 Programme ${g.suffix}.pdf`;
	const content = `%PDF-1.4 agenda ${g.suffix}`;

	await page.goto(`/gatherings/${g.id}/materials`);
	await page.getByLabel('文件', { exact: true }).setInputFiles({
		name: filename,
		mimeType: 'application/pdf',
		buffer: Buffer.from(content)
	});
	await page.getByRole('button', { name: '上传' }).click();
	const link = page.getByRole('link', { name: filename });
	await expect(link).toBeVisible();
	const materialId = /\/materials\/(\d+)$/.exec((await link.getAttribute('href')) ?? '')?.[1];
	expect(materialId).toBeTruthy();

	// The guest has no session: only the RSVP link's token opens the file.
	const guest = await browser.newContext({ storageState: { cookies: [], origins: [] }, baseURL });
	try {
		const ok = await guest.request.get(`/rsvp/${wang.rsvpToken}/materials/${materialId}`);
		expect(ok.status()).toBe(200);
		expect(ok.headers()['content-disposition']).toContain('attachment');
		expect((await ok.body()).toString()).toBe(content);
		const wrong = await guest.request.get(`/rsvp/${'x'.repeat(40)}/materials/${materialId}`);
		expect(wrong.status()).toBe(404);
	} finally {
		await guest.close();
	}
});

test('checks a person in from the camera: the badge QR read off the video', async ({
	baseURL
}, testInfo) => {
	const g = await seedCheckinGathering();
	const [, li] = g.people;
	// The link a badge's QR holds (see the badge test above), shown to a fake camera.
	mkdirSync(testInfo.outputDir, { recursive: true });
	const video = join(testInfo.outputDir, 'badge-qr.y4m');
	writeQrVideo(video, `${baseURL}/gatherings/${g.id}/checkin?code=${li.code}`);
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--use-fake-ui-for-media-stream',
			'--use-fake-device-for-media-stream',
			`--use-file-for-fake-video-capture=${video}`
		]
	});
	try {
		const context = await browser.newContext({
			baseURL,
			storageState: ADMIN_STATE,
			locale: 'zh-CN',
			permissions: ['camera']
		});
		const page = waitsForHydration(await context.newPage());
		await page.goto(`/gatherings/${g.id}/checkin`);
		await expect(totals(page, 0, 6)).toBeVisible();
		await page.getByRole('button', { name: '用摄像头扫码' }).click();
		await expect(page.getByRole('status').filter({ hasText: `${li.name} 已签到。` })).toBeVisible();
		await expect(totals(page, 1, 6)).toBeVisible();
		await page.getByRole('button', { name: '关闭摄像头' }).click();
	} finally {
		await browser.close();
	}
});
