import ICAL from 'ical.js';
import { devices } from '@playwright/test';
import { ADMIN, MAIL_SINK } from './support/env';
import { adminUser, seedAccount, seedContact, withE2eDb } from './support/seed';
import { expect, hydrated, test, waitsForHydration } from './support/test';

interface Received {
	from?: string;
	replyTo?: string;
	to?: string;
	subject?: string;
	text?: string;
	attachments: { filename?: string; contentType: string; content: string }[];
}

const START = '2027-01-15T10:00:00.000Z';
const END = '2027-01-15T14:00:00.000Z';

/**
 * The directory (one account managed by the admin, three contacts) is seeded through the app's
 * services: the contacts pages belong to another slice. The gathering and its guest
 * list are then made through the UI. Names are unique per run, so no empty database is needed.
 */
async function seedDirectory(tag: string) {
	return withE2eDb(async (db) => {
		const admin = await adminUser(db);
		const accountId = await seedAccount(db, { name: `华东商贸 ${tag}`, owner_user_id: admin.id });
		const people = [
			{ name: '王伟', salutation: '王总', locale: 'zh-CN' },
			{ name: 'Anna Schmidt', salutation: 'Ms Schmidt', locale: 'en' },
			{ name: '李娜', salutation: '', locale: 'zh-CN' }
		];
		const emails: string[] = [];
		for (const [i, p] of people.entries()) {
			const email = `guest${i}-${tag}@example.com`;
			await seedContact(db, accountId, { ...p, email, phone: '13800000000' });
			emails.push(email);
		}
		return { accountId, emails };
	});
}

async function mailTo(address: string, kindHint: RegExp): Promise<Received> {
	let found: Received | undefined;
	await expect
		.poll(
			async () => {
				const all = (await (await fetch(`${MAIL_SINK}/messages`)).json()) as Received[];
				found = all.find((msg) => msg.to?.includes(address) && kindHint.test(msg.subject ?? ''));
				return Boolean(found);
			},
			{ timeout: 30_000 }
		)
		.toBe(true);
	return found!;
}

test('staff invite three contacts; a guest accepts on a phone from the email and gets a correct .ics', async ({
	page,
	browser
}) => {
	const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
	const { accountId, emails } = await seedDirectory(tag);

	// Staff create the gathering (18:00–22:00 Shanghai time) and put the account's people on it.
	// goto returns after hydration (support/test.ts): values typed earlier could be reset.
	await page.goto('/gatherings/new');
	await page.locator('#title_zh').fill(`答谢会 ${tag}`);
	await page.locator('#title_en').fill(`Thank-you evening ${tag}`);
	await page.locator('#starts_local').fill('2027-01-15T18:00');
	await page.locator('#ends_local').fill('2027-01-15T22:00');
	await page.locator('#rsvp_deadline_local').fill('2027-01-10T18:00');
	await page.locator('#venue_name').fill('外滩酒店');
	await page.locator('#venue_address').fill('上海市黄浦区中山东一路1号');
	await page.locator('#companions_allowed').fill('1');
	await page.locator('#host_name').fill('陈静');
	await page.locator('#host_phone').fill('021-55550000');
	await expect(page.locator('#title_zh')).toHaveValue(`答谢会 ${tag}`);
	await expect(page.locator('#time_zone')).toHaveValue('Asia/Shanghai');
	await page.getByRole('button', { name: '创建' }).click();
	await expect(page).toHaveURL(/\/gatherings\/\d+$/);
	const gatheringId = Number(new URL(page.url()).pathname.split('/').pop());
	// Guests answer only while the gathering is open.
	await page.getByRole('button', { name: '开放报名' }).click();
	await expect(page.locator('[data-status]')).toHaveText('开放');
	await page.goto(`/gatherings/${gatheringId}/guests?daccount=${accountId}`);
	await page.locator('form[action="?/addAll"] button').click();
	await expect(page.getByText('Anna Schmidt')).toBeVisible();

	// Staff: preview the English guest's invitation, then send to everyone not yet invited.
	await page.goto(`/gatherings/${gatheringId}/invitations`);
	await expect(page.getByRole('heading', { name: `邀请：答谢会 ${tag}` })).toBeVisible();
	await page.getByRole('link', { name: '预览' }).nth(1).click();
	await hydrated(page); // the confirm dialog needs the page's script
	await expect(page.getByText('Invitation: Thank-you evening')).toBeVisible();
	await expect(
		page.frameLocator('iframe[title="邀请预览"]').getByText('Dear Ms Schmidt,')
	).toBeVisible();
	await page.getByRole('button', { name: '发送给所有未邀请者（3）' }).click();
	await page.getByRole('button', { name: '确认' }).click();
	await expect(page.getByText('已发出 3 封邀请；0 人无邮箱。')).toBeVisible();

	// The three emails arrive at the real SMTP server, each in its guest's language.
	const invitations = await Promise.all(emails.map((e) => mailTo(e, /诚邀|Invitation/)));
	expect(invitations[0].subject).toBe(`诚邀您出席：答谢会 ${tag}`);
	expect(invitations[0].text).toContain('尊敬的王总：');
	expect(invitations[1].subject).toBe(`Invitation: Thank-you evening ${tag}`);
	expect(invitations[0].from).toContain(ADMIN.name);
	expect(invitations[0].replyTo).toContain(ADMIN.email);
	expect(invitations.every((m) => m.attachments.some((a) => a.filename?.endsWith('.ics')))).toBe(
		true
	);

	// The guest opens the link from the received email on a phone, signed out.
	const link = invitations[0].text?.match(/https?:\/\/\S+\/rsvp\/[a-z0-9]+/)?.[0];
	expect(link).toBeTruthy();
	const phone = await browser.newContext({ ...devices['Pixel 7'] });
	try {
		const guest = waitsForHydration(await phone.newPage());
		await guest.goto(link!);
		await expect(guest.getByRole('heading', { name: `答谢会 ${tag}` })).toBeVisible();
		await expect(guest.getByText('外滩酒店')).toBeVisible();
		await guest.getByLabel('我会出席').check();
		await guest.getByRole('button', { name: '添加随行人员' }).click();
		await guest.getByLabel('姓名', { exact: true }).fill('张明');
		await guest.getByLabel('饮食要求').fill('不吃辣');
		await guest.getByRole('button', { name: '提交回复' }).click();
		await expect(guest.getByText('感谢您的确认，期待与您相见！')).toBeVisible();
		await expect(guest.getByRole('link', { name: 'Google 日历' })).toBeVisible();
		// The guest can switch the page to English and still change the answer.
		await guest.getByRole('link', { name: 'English' }).click();
		await expect(guest.getByRole('button', { name: 'Update my reply' })).toBeVisible();
		await expect(guest.getByLabel('Name', { exact: true })).toHaveValue('张明');
		// Nothing about the other two guests on this page.
		await expect(guest.locator('body')).not.toContainText('Anna');
		await expect(guest.locator('body')).not.toContainText('李娜');
	} finally {
		await phone.close();
	}

	// The dashboard counts the acceptance with its companion (2 people).
	await page.goto(`/gatherings/${gatheringId}`);
	const accepted = page.locator('[data-count="accepted"]');
	await expect(accepted.locator('[data-value]')).toHaveText('1');
	await expect(accepted.locator('[data-heads]')).toContainText('2');

	// The confirmation email's .ics, read by ical.js, has the right start and end.
	const confirmation = await mailTo(emails[0], /已确认出席/);
	const ics = confirmation.attachments.find((a) => a.filename?.endsWith('.ics'));
	expect(ics).toBeTruthy();
	const vevent = new ICAL.Component(ICAL.parse(ics!.content)).getFirstSubcomponent('vevent');
	const event = new ICAL.Event(vevent!);
	expect(event.startDate.toJSDate().toISOString()).toBe(START);
	expect(event.endDate.toJSDate().toISOString()).toBe(END);
	expect(event.summary).toBe(`答谢会 ${tag}`);
});
