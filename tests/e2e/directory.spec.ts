import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, test } from './support/test';

/**
 * The directory walk of issue 2: create an account through the form, import contacts from a
 * UTF-8 and a GB18030 CSV through the upload page (preview, then confirm), and find the people
 * by Chinese name and by pinyin initials. Names carry a per-run suffix: the desktop and phone
 * projects (and every other spec) share one database.
 */

/** A fixture with its ASCII run marker replaced; the other bytes (GB18030 too) stay as they are. */
function fixture(name: string, run: string) {
	const raw = readFileSync(`tests/fixtures/csv/${name}`);
	return {
		name,
		mimeType: 'text/csv',
		buffer: Buffer.from(raw.toString('latin1').replaceAll('__RUN__', run), 'latin1')
	};
}

/** Opens a page; goto returns once it is hydrated (support/test.ts), so nothing typed is reset. */
async function open(page: Page, url: string) {
	await page.goto(url);
}

async function importFile(page: Page, file: ReturnType<typeof fixture>, encoding: RegExp) {
	await open(page, '/contacts/import');
	await page.locator('input[type=file]').setInputFiles(file);
	await page.getByRole('button', { name: /预览/ }).click();
	const preview = page.getByTestId('csv-preview');
	await expect(preview).toBeVisible();
	await expect(preview).toContainText(encoding);
	await expect(preview.getByText('有错误', { exact: true })).toHaveCount(0);
	await preview.getByRole('button', { name: /确认导入/ }).click();
	await expect(page).toHaveURL(/\/contacts$/);
	await expect(page.getByText(/导入完成/)).toBeVisible();
}

/** The list shows cards on a phone and a table on a desktop; only one of them is visible. */
function personLink(main: ReturnType<Page['locator']>, name: string) {
	return main.getByRole('link', { name, exact: true }).filter({ visible: true });
}

async function search(page: Page, q: string) {
	await open(page, `/contacts?q=${encodeURIComponent(q)}`);
	return page.locator('main');
}

test('an organiser builds the directory from CSV files and finds people @phone', async ({
	page
}, testInfo) => {
	const run = `-${testInfo.project.name}-${Date.now().toString(36)}`;
	const company = `华东联合商贸${run}`;

	await open(page, '/accounts/new');
	await page.getByLabel('公司名称', { exact: false }).first().fill(company);
	await page.locator('#channel').selectOption('distributor');
	await page.locator('#annual_sales').fill('12000000');
	await page.getByRole('button', { name: '创建' }).click();
	await expect(page).toHaveURL(/\/accounts\/\d+$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(company);

	// A broken file says why and writes nothing.
	await open(page, '/contacts/import');
	await page.locator('input[type=file]').setInputFiles({
		name: 'notes.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('姓名,邮箱\n王伟,w@example.com\n')
	});
	await page.getByRole('button', { name: /预览/ }).click();
	await expect(page.getByText(/缺少必填列/)).toBeVisible();

	await importFile(page, fixture('contacts-utf8.csv', run), /UTF-8/);
	await importFile(page, fixture('contacts-gb18030.csv', run), /GB18030/);

	// The Chinese name, then pinyin initials; other runs' people may share a name, so each
	// search must show this run's company too.
	const ours = (main: ReturnType<Page['locator']>) =>
		main.getByText(company).filter({ visible: true }).first();
	let main = await search(page, '闫雪梅');
	await expect(personLink(main, '闫雪梅').first()).toBeVisible();
	await expect(ours(main)).toBeVisible();
	main = await search(page, 'smgm');
	await expect(personLink(main, '司马光明').first()).toBeVisible();
	await expect(ours(main)).toBeVisible();
	await expect(personLink(main, '闫雪梅')).toHaveCount(0);
	main = await search(page, company);
	await expect(personLink(main, '司马光明')).toHaveCount(1);
	await expect(personLink(main, '闫雪梅')).toHaveCount(1);

	// The contact's page shows what the GB18030 file held.
	await personLink(main, '司马光明').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('司马光明');
	await expect(page.getByText('司马总')).toBeVisible();
	await expect(page.getByText('不吃辣')).toBeVisible();
	await expect(page.getByRole('link', { name: company })).toBeVisible();
});

test('a contact added from the account page shows inline errors, then saves with a date', async ({
	page
}, testInfo) => {
	const run = `-${testInfo.project.name}-${Date.now().toString(36)}`;
	const company = `手工录入公司${run}`;
	await open(page, '/accounts/new');
	await page.locator('#name').fill(company);
	await page.getByRole('button', { name: '创建' }).click();
	await expect(page).toHaveURL(/\/accounts\/\d+$/);

	await page.getByRole('link', { name: /添加联系人/ }).click();
	await expect(page.locator('#account_id')).toHaveValue(/\d+/);
	await page.locator('#name').fill('欧阳娜娜');
	await page.locator('#email').fill(`nana${run}@example`);
	await page.locator('#birthday').fill('02-30');
	await page.locator('input[name=date_label]').first().fill('结婚纪念日');
	await page.locator('input[name=date_value]').first().fill('2010-05-20');
	// The browser's own email check would stop the form; the server's message is what we test.
	await page
		.locator('form', { has: page.locator('#email') })
		.evaluate((form) => form.setAttribute('novalidate', ''));
	await page.getByRole('button', { name: '创建' }).click();
	await expect(page.locator('#email-error')).toBeVisible();
	await expect(page.locator('#birthday-error')).toBeVisible();
	await expect(page.locator('input[name=date_label]').first()).toHaveValue('结婚纪念日');

	await page.locator('#email').fill(`nana${run}@example.com`);
	await page.locator('#birthday').fill('05-20');
	await page.getByRole('button', { name: '创建' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('欧阳娜娜');
	await expect(page.getByText('2010年5月20日')).toBeVisible();
	await expect(page.getByRole('link', { name: company })).toBeVisible();
});
