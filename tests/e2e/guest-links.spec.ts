import { devices, expect, test, type Browser } from '@playwright/test';
import { hashToken } from '$lib/server/auth/tokens';
import { MAIL_SINK } from './support/env';
import {
	addInvitee,
	adminUser,
	newGathering,
	newRsvpToken,
	seedAccount,
	seedContact,
	withE2eDb
} from './support/seed';

// The guest's personal link reaches the guest by email and nowhere else: staff see it masked in
// the Outbox (page data included); "new link" ends the old one; a draft gathering's page says
// replies are not open yet.

interface Received {
	to?: string;
	subject?: string;
	text?: string;
}

/** One account managed by the admin, one guest on a gathering (open unless said otherwise). */
async function seed(tag: string, status: 'open' | 'draft') {
	return withE2eDb(async (db) => {
		const admin = await adminUser(db);
		const account = await seedAccount(db, { name: `链接商贸 ${tag}`, owner_user_id: admin.id });
		const email = `link-${tag}@example.com`;
		const contact = await seedContact(db, account, {
			name: `周敏${tag.slice(0, 3)}`,
			email,
			phone: '13800000000',
			locale: 'zh-CN'
		});
		const gatheringId = await newGathering(db, {
			uid: `${tag}@e2e`,
			title_zh: `链接测试会 ${tag}`,
			title_en: `Link test ${tag}`,
			starts_at: '2027-01-20T10:00:00.000Z',
			ends_at: '2027-01-20T13:00:00.000Z',
			status,
			capacity: 50,
			companions_allowed: 1
		});
		const { id: inviteeId } = await addInvitee(db, gatheringId, { contact_id: contact });
		return { gatheringId, inviteeId, email };
	});
}

async function mailsTo(address: string): Promise<Received[]> {
	const all = (await (await fetch(`${MAIL_SINK}/messages`)).json()) as Received[];
	return all.filter((m) => m.to?.includes(address));
}

async function waitForMails(address: string, count: number): Promise<Received[]> {
	let found: Received[] = [];
	await expect
		.poll(
			async () => {
				found = await mailsTo(address);
				return found.length;
			},
			{ timeout: 20_000 }
		)
		.toBeGreaterThanOrEqual(count);
	return found;
}

function linkIn(mail: Received): string {
	const link = mail.text?.match(/https?:\/\/\S+\/rsvp\/[a-z0-9]+/)?.[0];
	expect(link).toBeTruthy();
	return link!;
}

async function onPhone<T>(
	browser: Browser,
	fn: (page: import('@playwright/test').Page) => Promise<T>
) {
	const phone = await browser.newContext({ ...devices['Pixel 7'] });
	try {
		return await fn(await phone.newPage());
	} finally {
		await phone.close();
	}
}

test('staff never see a guest link; "new link" ends the old one', async ({ page, browser }) => {
	const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
	const { gatheringId, inviteeId, email } = await seed(tag, 'open');

	await page.goto(`/gatherings/${gatheringId}/invitations`);
	await page.waitForLoadState('networkidle'); // the confirm dialog needs the page's script
	await page.getByRole('button', { name: '发送给所有未邀请者（1）' }).click();
	await page.getByRole('button', { name: '确认' }).click();
	await expect(page.getByText('已发出 1 封邀请；0 人无邮箱。')).toBeVisible();
	const [invitation] = await waitForMails(email, 1);
	const link = linkIn(invitation);
	const token = link.split('/rsvp/')[1];

	// The Outbox shows the message with the link masked, in the page and in its data.
	const outboxId = await withE2eDb(async (db) => {
		const row = await db
			.selectFrom('outbox_message')
			.select('id')
			.where('invitee_id', '=', inviteeId)
			.orderBy('id')
			.executeTakeFirstOrThrow();
		return row.id;
	});
	const data = await page.request.get(`/outbox/${outboxId}/__data.json`);
	expect(data.ok()).toBe(true);
	const json = await data.text();
	expect(json).not.toContain(token);
	expect(json).toContain('/rsvp/' + '*'.repeat(32));
	await page.goto(`/outbox/${outboxId}`);
	await expect(page.locator('body')).not.toContainText(token);

	// The guest's link works.
	await onPhone(browser, async (guest) => {
		const response = await guest.goto(link);
		expect(response?.status()).toBe(200);
		await expect(guest.getByRole('heading', { name: `链接测试会 ${tag}` })).toBeVisible();
	});

	// Staff make a new link: the old one is a plain "not found", the new one (emailed) works.
	await page.goto(`/gatherings/${gatheringId}/invitations`);
	await page.waitForLoadState('networkidle');
	page.once('dialog', (dialog) => void dialog.accept());
	await page.getByRole('button', { name: '新链接' }).click();
	await expect(page.getByText('旧链接已失效，新链接已通过邮件发送。')).toBeVisible();
	const mails = await waitForMails(email, 2);
	const fresh = linkIn(mails[mails.length - 1]);
	expect(fresh).not.toBe(link);
	await onPhone(browser, async (guest) => {
		expect((await guest.goto(`/rsvp/${'x'.repeat(32)}`))?.status()).toBe(404);
		const wrong = await guest.locator('body').innerText();
		expect((await guest.goto(link))?.status()).toBe(404);
		expect(await guest.locator('body').innerText()).toBe(wrong);
		expect((await guest.goto(fresh))?.status()).toBe(200);
	});
});

/** A live link for the invitee, made as a test would (the app never stores the token). */
async function linkFor(inviteeId: number): Promise<string> {
	return withE2eDb((db) => newRsvpToken(db, inviteeId));
}

test('a guest changing the answer again and again is asked to wait, and keeps what was typed', async ({
	browser
}) => {
	const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
	const token = await linkFor((await seed(tag, 'open')).inviteeId);
	await onPhone(browser, async (guest) => {
		await guest.goto(`/rsvp/${token}`);
		for (let i = 0; i < 5; i++) {
			await guest.waitForLoadState('networkidle');
			await guest.getByLabel(i % 2 === 0 ? '我会出席' : '无法出席').check();
			await guest.getByRole('button', { name: /提交回复|更新回复/ }).click();
			await expect(guest.getByText(i % 2 === 0 ? '感谢您的确认' : '感谢您的回复')).toBeVisible();
		}
		await guest.waitForLoadState('networkidle');
		await guest.getByLabel('无法出席').check();
		await guest.getByLabel('留言').fill('抱歉，临时出差');
		await guest.getByRole('button', { name: '更新回复' }).click();
		await expect(guest.getByRole('alert')).toContainText('您在短时间内多次修改了回复');
		await expect(guest.getByLabel('无法出席')).toBeChecked();
		await expect(guest.getByLabel('留言')).toHaveValue('抱歉，临时出差');
	});
	// The answer stored is the last one taken (the fifth: accepted).
	const status = await withE2eDb(async (db) => {
		const row = await db
			.selectFrom('invitee')
			.innerJoin('rsvp_token', 'rsvp_token.invitee_id', 'invitee.id')
			.select('invitee.status')
			.where('rsvp_token.token_hash', '=', hashToken(token))
			.executeTakeFirstOrThrow();
		return row.status;
	});
	expect(status).toBe('accepted');
});

test('a draft gathering’s page says replies are not open yet', async ({ browser }) => {
	const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
	const token = await linkFor((await seed(tag, 'draft')).inviteeId);
	await onPhone(browser, async (guest) => {
		await guest.goto(`/rsvp/${token}`);
		await expect(guest.getByText('尚未开放回复')).toBeVisible();
		await expect(guest.getByRole('button', { name: '提交回复' })).toHaveCount(0);
	});
});
