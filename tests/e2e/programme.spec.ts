import { devices, type Page } from '@playwright/test';
import { expect, test, waitsForHydration } from './support/test';
import { pdfText } from '../helpers/pdf';
import { ADMIN_STATE } from './support/env';
import {
	addInvitee,
	newRsvpToken,
	seedCheckinGathering,
	seedContact,
	withE2eDb,
	type SeededGathering
} from './support/seed';

// The programme as staff build it: the standard agenda, tours assigned, the guest speaker
// designated, tables auto-seated and one person moved by hand; a late guest accepts on a phone
// and is seated without reshuffling; the run sheet downloads; "running late" set on the MC's
// phone shows on the staff banquet page within seconds.

/** A guest of the seeded account who is invited but has not answered; returns the RSVP token. */
async function addLateGuest(
	g: SeededGathering
): Promise<{ token: string; name: string; id: number }> {
	return withE2eDb(async (db) => {
		// Guests answer only while a gathering is open (a seeded one starts as a draft).
		await db.updateTable('gathering').set({ status: 'open' }).where('id', '=', g.id).execute();
		const name = `孙迟${g.suffix}`;
		const contactId = await seedContact(db, g.accountId, { name });
		const { id } = await addInvitee(db, g.id, { contact_id: contactId }, { status: 'invited' });
		return { token: await newRsvpToken(db, id), name, id };
	});
}

/** Opens a page and returns once it has hydrated (pages of other contexts are wrapped first). */
async function open(page: Page, url: string) {
	await waitsForHydration(page).goto(url);
}

/** Each tour group's people (person keys), in page order. */
function groupMembers(page: Page): Promise<string[][]> {
	return page
		.getByTestId('tour-group')
		.evaluateAll((groups) =>
			groups.map((g) =>
				[...g.querySelectorAll('[data-person]')].map((li) => li.getAttribute('data-person') ?? '')
			)
		);
}

function done(page: Page, text: string | RegExp) {
	return expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();
}

test('builds the programme, seats a late guest without reshuffling, and shares "running late"', async ({
	page,
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const g = await seedCheckinGathering();
	const [wang, li, chen] = g.people;
	const base = `/gatherings/${g.id}`;

	// The standard programme, in one click.
	await open(page, `${base}/programme`);
	await page.getByRole('button', { name: '使用标准日程' }).click();
	await done(page, '已排好标准日程');
	await expect(page.getByTestId('agenda-item')).toHaveCount(5);
	await expect(page.getByText('分组参观成品仓库和主要生产车间')).toBeVisible();

	// Two tour groups, then assignment.
	await open(page, `${base}/programme/tours`);
	for (const name of ['一组', '二组']) {
		await page.getByLabel('组名').fill(name);
		await page.getByLabel('人数上限').fill('6');
		await page.getByRole('button', { name: '保存分组' }).click();
		await done(page, '已保存分组');
	}
	await page.getByRole('button', { name: '自动分组' }).click();
	await done(page, /分组完成：新分入 \d+ 人/);
	await expect(page.getByTestId('tour-group').filter({ hasText: wang.name })).toContainText(
		li.name
	);
	const toursBefore = await groupMembers(page);

	// The designated guest speaker and the standard banquet order.
	await open(page, `${base}/programme/banquet`);
	await page.getByRole('button', { name: '使用标准流程' }).click();
	await done(page, '已排好标准流程');
	await expect(page.getByTestId('banquet-warnings')).toContainText('尚未指定来宾');
	const speaker = page.getByRole('region', { name: '指定来宾致辞人' });
	await speaker.getByLabel('指定来宾致辞人').selectOption(String(wang.id));
	await speaker.getByRole('button', { name: '保存' }).click();
	await done(page, '已保存指定来宾');
	await expect(page.getByTestId('banquet-warnings')).toHaveCount(0);

	// Tables, auto-seat, one person moved by hand.
	await open(page, `${base}/seating`);
	const many = page.getByRole('region', { name: '批量添加桌子' });
	await many.getByLabel('张数').fill('2');
	await many.getByLabel('座位数').fill('6');
	await many.getByRole('button', { name: '批量添加桌子' }).click();
	await done(page, '已添加桌子');
	await page.getByRole('button', { name: '自动排座' }).click();
	await done(page, /排座完成：新安排 6 人/);
	await page.locator('#move-person').selectOption(`i${chen.id}`);
	await page.locator('#move-table').selectOption({ label: '2号桌' });
	await page.getByRole('button', { name: '调整', exact: true }).click();
	await done(page, '已调整并固定');
	const table2 = page.locator('[data-table="2"]');
	await expect(table2.locator(`[data-person="i${chen.id}"]`)).toContainText('已固定');
	const seatsBefore = await page.getByTestId('seating-table').allInnerTexts();

	// A late guest accepts on a phone.
	const late = await addLateGuest(g);
	const phone = await browser.newContext({ ...devices['Pixel 7'], baseURL });
	try {
		const guest = await phone.newPage();
		await open(guest, `/rsvp/${late.token}`);
		await guest.getByLabel('我会出席').check();
		await guest.getByRole('button', { name: '提交回复' }).click();
		await expect(guest.getByText('感谢您的确认，期待与您相见！')).toBeVisible();
	} finally {
		await phone.close();
	}

	// Auto-seat again: the newcomer is placed, nobody else moves.
	await open(page, `${base}/seating`);
	await page.getByRole('button', { name: '自动排座' }).click();
	await done(page, '排座完成：新安排 1 人，调整 0 人，0 人无座。');
	const seatsAfter = await page.getByTestId('seating-table').allInnerTexts();
	for (const [i, before] of seatsBefore.entries()) {
		for (const line of before.split('\n').filter((l) => /^\d+\s*\S/.test(l))) {
			expect(seatsAfter[i]).toContain(line.replace(/已固定.*/, '').trim());
		}
	}
	await expect(
		page.getByTestId('seating-table').getByText(late.name, { exact: true })
	).toBeVisible();

	// Tours again: the newcomer joins their account's group, nobody else changes group.
	await open(page, `${base}/programme/tours`);
	await page.getByRole('button', { name: '自动分组' }).click();
	await done(page, '分组完成：新分入 1 人，调整 0 人，0 人未分组。');
	const wangGroup = page.getByTestId('tour-group').filter({ hasText: wang.name });
	await expect(wangGroup).toContainText(late.name);
	const toursAfter = await groupMembers(page);
	for (const [i, keys] of toursBefore.entries()) {
		expect(toursAfter[i].filter((k) => k !== `i${late.id}`)).toEqual(keys);
	}

	// The late guest's own page now says their group and table.
	const again = await browser.newContext({ ...devices['Pixel 7'], baseURL });
	try {
		const guest = await again.newPage();
		await open(guest, `/rsvp/${late.token}`);
		await expect(guest.getByTestId('guest-place')).toContainText('参观分组');
		await expect(guest.getByTestId('guest-place')).toContainText('桌位');
	} finally {
		await again.close();
	}

	// The run sheet downloads as a PDF with the speaker and our people's lines.
	await open(page, `${base}/programme/banquet`);
	const href = await page.getByRole('link', { name: '主持人流程单 PDF' }).getAttribute('href');
	const sheet = await page.request.get(href!);
	expect(sheet.headers()['content-type']).toBe('application/pdf');
	const text = pdfText(await sheet.body());
	expect(text).toContain(wang.name);
	expect(text).toContain('总经理致辞');

	// "Running late by 10 minutes" from the MC's phone reaches the staff page within seconds.
	const mc = await browser.newContext({
		...devices['Pixel 7'],
		baseURL,
		storageState: ADMIN_STATE
	});
	try {
		const mcPage = await mc.newPage();
		await open(mcPage, `${base}/programme/mc`);
		await expect(mcPage.getByRole('heading', { name: '主持人视图' })).toBeVisible();
		await mcPage.getByLabel('延误（分钟）').fill('10');
		await mcPage.getByRole('button', { name: '设定' }).click();
		await expect(mcPage.getByTestId('late-banner')).toContainText('已延误 10 分钟');
		await expect(page.getByTestId('late-banner')).toContainText('已延误 10 分钟', {
			timeout: 10_000
		});
	} finally {
		await mc.close();
	}
});

test('the MC view on a phone shows the running order and takes "running late" @phone', async ({
	page
}) => {
	const g = await seedCheckinGathering();
	await open(page, `/gatherings/${g.id}/programme`);
	await page.getByRole('button', { name: '使用标准日程' }).click();
	await done(page, '已排好标准日程');
	await open(page, `/gatherings/${g.id}/programme/banquet`);
	await page.getByRole('button', { name: '使用标准流程' }).click();
	await done(page, '已排好标准流程');
	await open(page, `/gatherings/${g.id}/programme/mc`);
	await expect(page.getByRole('region', { name: '下一项' })).toContainText('销售经理致欢迎词');
	const start = await page.getByTestId('next-start').innerText();
	await page.getByLabel('延误（分钟）').fill('5');
	await page.getByRole('button', { name: '设定' }).click();
	await expect(page.getByTestId('late-banner')).toContainText('已延误 5 分钟');
	await expect(page.getByTestId('next-start')).not.toHaveText(start);
});
