import { expect, test } from '@playwright/test';
import { ADMIN, MAIL_SINK } from './support/env';
import { adminUser, seedAccount, seedContact, withE2eDb } from './support/seed';

interface Received {
	to?: string;
	subject?: string;
	text?: string;
	from?: string;
	attachments: { contentType: string; cid?: string }[];
	listUnsubscribe?: string;
	listUnsubscribePost?: string;
}

/** A key account managed by the admin with a Chinese and an English client (unique per run). */
async function seed(tag: string) {
	const people = [
		{ name: '王伟', salutation: '王总', locale: 'zh-CN', email: `wang-${tag}@example.com` },
		{
			name: 'Anna Schmidt',
			salutation: 'Ms Schmidt',
			locale: 'en',
			email: `anna-${tag}@example.com`
		}
	];
	const accountId = await withE2eDb(async (db) => {
		const admin = await adminUser(db);
		const id = await seedAccount(db, {
			name: `华联 ${tag}`,
			name_en: `Hualian ${tag}`,
			owner_user_id: admin.id,
			key: true
		});
		for (const p of people) {
			await seedContact(db, id, p);
		}
		return id;
	});
	return { accountId, people };
}

async function inbox(): Promise<Received[]> {
	return (await (await fetch(`${MAIL_SINK}/messages`)).json()) as Received[];
}

async function newMidAutumnCampaign(
	page: import('@playwright/test').Page,
	name: string,
	accountId: number
) {
	await page.goto('/campaigns/new?occasion=mid_autumn');
	await page.waitForLoadState('networkidle');
	await page.locator('#name').fill(name);
	await page.getByLabel('指定时区的日期和时间').check();
	await page.locator('#send_local').fill('2020-01-01T09:00');
	await expect(page.locator('#name')).toHaveValue(name);
	await page.getByRole('button', { name: '创建活动' }).click();
	await expect(page).toHaveURL(/\/campaigns\/\d+$/);
	await page.waitForLoadState('networkidle');
	await page.locator('#f-account').selectOption(String(accountId));
}

test('a Mid-Autumn campaign reaches each key-account client once, in their language, with the card inline; one-click unsubscribe leaves them out of the next', async ({
	page
}) => {
	const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
	const { accountId, people } = await seed(tag);
	const [wang, anna] = people;

	await newMidAutumnCampaign(page, `中秋问候 ${tag}`, accountId);
	await expect(page.getByTestId('audience-count')).toHaveText('2 人将收到');
	for (const lang of ['zh-CN', 'en']) {
		await page.getByTestId(`card-${lang}`).getByRole('button', { name: '生成贺卡' }).click();
		await expect(page.getByTestId(`card-${lang}`).getByRole('img')).toBeVisible();
	}
	await page.getByRole('button', { name: '开始发送' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: '开始发送' }).click();
	await expect(page.getByTestId('status')).toHaveText(/发送中|已完成/);

	let mine: Received[] = [];
	await expect
		.poll(
			async () => {
				mine = (await inbox()).filter((m) => m.to?.includes(tag));
				return mine.length;
			},
			{ timeout: 30_000 }
		)
		.toBe(2);
	const zh = mine.find((m) => m.to?.includes(wang.email))!;
	const en = mine.find((m) => m.to?.includes(anna.email))!;
	expect(zh.subject).toBe('中秋节快乐');
	expect(zh.text).toContain('尊敬的王总：');
	expect(zh.from).toContain(ADMIN.name);
	expect(en.subject).toBe('Happy Mid-Autumn Festival');
	expect(en.text).toContain('Dear Ms Schmidt,');
	for (const mail of [zh, en]) {
		expect(mail.attachments).toEqual([
			expect.objectContaining({ contentType: 'image/png', cid: 'card@gala' })
		]);
		expect(mail.listUnsubscribePost).toBe('List-Unsubscribe=One-Click');
	}
	await expect(page.getByTestId('status')).toHaveText('已完成', { timeout: 20_000 });

	// The mail client's one-click unsubscribe: a POST to the header's URL, no cookies, no Origin.
	const response = await fetch(zh.listUnsubscribe!, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: 'List-Unsubscribe=One-Click'
	});
	expect(response.status).toBe(200);

	// Exactly one each, still, and the next campaign leaves Wang out, saying why.
	expect((await inbox()).filter((m) => m.to?.includes(tag))).toHaveLength(2);
	await newMidAutumnCampaign(page, `中秋问候二 ${tag}`, accountId);
	await expect(page.getByTestId('audience-count')).toHaveText('1 人将收到');
	await expect(page.getByTestId('audience-list')).toContainText('Anna Schmidt');
	await expect(page.getByTestId('excluded-list')).toContainText('王伟');
	await expect(page.getByTestId('excluded-list')).toContainText('已退订问候邮件');
});
