import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { E2E_DB, MAIL_SINK } from './support/env';
import { expect, test } from './support/test';

interface Received {
	messageId?: string;
	from?: string;
	replyTo?: string;
	to?: string;
	subject?: string;
	text?: string;
	attachments: { filename?: string; contentType: string; content: string }[];
}

const ICS =
	'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Gala//e2e//EN\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\nUID:e2e-outbox@gala\r\nDTSTAMP:20261123T000000Z\r\nDTSTART:20261218T100000Z\r\nDTEND:20261218T140000Z\r\nSUMMARY:Outbox test\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';

/**
 * Writes a message straight into the running app's outbox, as a feature's enqueueMessage would
 * (the worker polls the table, so it needs no nudge). Unique per test and project.
 */
function insertMessage(values: { tag: string; status?: 'queued' | 'failed'; error?: string }) {
	const db = new Database(E2E_DB);
	db.pragma('busy_timeout = 5000');
	const now = new Date().toISOString();
	const address = `${values.tag}@example.com`;
	const { lastInsertRowid } = db
		.prepare(
			`insert into outbox_message (kind, message_id, from_name, reply_to, to_address, to_name,
				locale, subject, html, text, status, attempts, next_attempt_at, last_error, created_at)
			 values ('invitation', ?, '王经理', 'wang@example.com', ?, '陈静', 'zh-CN', ?, ?, ?, ?, ?, ?, ?, ?)`
		)
		.run(
			`<${values.tag}@gala.e2e>`,
			address,
			`答谢会邀请 ${values.tag}`,
			`<p>尊敬的陈静：</p><p>诚邀您参加<strong>答谢晚宴</strong>（${values.tag}）。</p>`,
			`尊敬的陈静：\n诚邀您参加答谢晚宴（${values.tag}）。`,
			values.status ?? 'queued',
			values.status === 'failed' ? 1 : 0,
			now,
			values.error ?? null,
			now
		);
	db.prepare(
		`insert into outbox_attachment (message_id, filename, content_type, content) values (?, 'invitation.ics', 'text/calendar; method=PUBLISH', ?)`
	).run(lastInsertRowid, Buffer.from(ICS));
	db.close();
	return { id: Number(lastInsertRowid), address, subject: `答谢会邀请 ${values.tag}` };
}

async function arrived(page: Page, subject: string): Promise<Received> {
	let found: Received | undefined;
	await expect
		.poll(
			async () => {
				const all = (await (await page.request.get(`${MAIL_SINK}/messages`)).json()) as Received[];
				found = all.find((m) => m.subject === subject);
				return Boolean(found);
			},
			{ timeout: 30_000 }
		)
		.toBe(true);
	return found!;
}

test('a message written to the outbox arrives by SMTP and is shown as the recipient sees it @phone', async ({
	page
}, testInfo) => {
	const tag = `outbox-${testInfo.project.name}-${Date.now()}`;
	const message = insertMessage({ tag });

	const mail = await arrived(page, message.subject);
	expect(mail.messageId).toBe(`<${tag}@gala.e2e>`);
	expect(mail.from).toBe('"王经理" <gala@example.com>');
	expect(mail.replyTo).toBe('wang@example.com');
	expect(mail.text).toContain('诚邀您参加答谢晚宴');
	expect(mail.attachments[0]).toMatchObject({
		filename: 'invitation.ics',
		contentType: 'text/calendar'
	});

	await page.goto(`/outbox?q=${encodeURIComponent(message.address)}`);
	const table = page.getByTestId('outbox-table');
	await expect(table.getByRole('link', { name: '陈静' })).toBeVisible();
	await expect(table.getByText('已发送')).toBeVisible();
	await table.getByRole('link', { name: '陈静' }).click();

	await expect(page.getByRole('heading', { level: 1 })).toHaveText(message.subject);
	const headers = page.getByTestId('outbox-headers');
	await expect(headers).toContainText('"王经理" <gala@example.com>');
	await expect(headers).toContainText(message.address);
	await expect(headers).toContainText('wang@example.com');
	await expect(
		page.frameLocator('[data-testid="outbox-html"]').locator('strong', { hasText: '答谢晚宴' })
	).toBeVisible();
	await expect(page.getByTestId('outbox-text')).toContainText('诚邀您参加答谢晚宴');

	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'invitation.ics' }).click();
	expect((await download).suggestedFilename()).toBe('invitation.ics');
});

test("a failed message shows the server's reply, and staff send it again", async ({
	page
}, testInfo) => {
	const tag = `failed-${testInfo.project.name}-${Date.now()}`;
	const message = insertMessage({
		tag,
		status: 'failed',
		error: '550 5.1.1 Mailbox unavailable'
	});

	await page.goto(`/outbox?status=failed&q=${encodeURIComponent(message.address)}`);
	await expect(page.getByTestId('outbox-table')).toContainText('550 5.1.1 Mailbox unavailable');
	await page.goto(`/outbox/${message.id}`);
	await expect(page.getByTestId('outbox-status')).toHaveText('发送失败');
	await expect(page.getByTestId('outbox-error')).toHaveText('550 5.1.1 Mailbox unavailable');

	await page.getByRole('button', { name: '重新发送' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: '重新发送' }).click();
	await expect(page.getByText('邮件已放回发送队列。')).toBeVisible();

	await arrived(page, message.subject);
	await expect
		.poll(
			async () => {
				await page.reload();
				return page.getByTestId('outbox-status').textContent();
			},
			{ timeout: 30_000 }
		)
		.toBe('已发送');
});

test('the outbox filters show an empty result plainly', async ({ page }, testInfo) => {
	insertMessage({ tag: `filler-${testInfo.project.name}-${Date.now()}` });
	await page.goto('/outbox?q=nobody-at-all-' + Date.now());
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('发件箱');
	await expect(page.getByText('没有符合筛选条件的邮件。')).toBeVisible();
});
