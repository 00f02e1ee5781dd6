import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { E2E_DB } from './support/env';

/** A queued email in a waiting state the running worker leaves alone (not due, or held). */
function insertWaiting(
	tag: string,
	state: { next_attempt_at: string; lease_owner?: string; lease_until?: string; error?: string }
) {
	const db = new Database(E2E_DB);
	db.pragma('busy_timeout = 5000');
	const now = new Date().toISOString();
	const { lastInsertRowid } = db
		.prepare(
			`insert into outbox_message (kind, message_id, from_name, to_address, locale, subject,
				html, text, status, attempts, next_attempt_at, lease_owner, lease_until, last_error, created_at)
			 values ('reminder', ?, '王经理', ?, 'zh-CN', ?, '<p>提醒</p>', '提醒', 'queued', 1, ?, ?, ?, ?, ?)`
		)
		.run(
			`<${tag}@gala.e2e>`,
			`${tag}@example.com`,
			`提醒 ${tag}`,
			state.next_attempt_at,
			state.lease_owner ?? null,
			state.lease_until ?? null,
			state.error ?? null,
			now
		);
	db.close();
	return Number(lastInsertRowid);
}

test('the Outbox says why a queued email waits: a worker sending it, or a retry after the server’s reply @phone', async ({
	page
}, testInfo) => {
	const tag = `wait-${testInfo.project.name}-${Date.now()}`;
	const inTenMinutes = new Date(Date.now() + 10 * 60_000).toISOString();
	const sending = insertWaiting(`${tag}-a`, {
		next_attempt_at: new Date().toISOString(),
		lease_owner: 'other-host:4242:ab12cd34',
		lease_until: inTenMinutes
	});
	const retrying = insertWaiting(`${tag}-b`, {
		next_attempt_at: inTenMinutes,
		error: '421 4.7.0 Try again later'
	});

	await page.goto(`/outbox/${sending}`);
	await expect(page.getByTestId('outbox-status')).toHaveText('发送中');
	await expect(page.getByTestId('outbox-wait')).toContainText(
		'邮件发送程序 other-host:4242:ab12cd34 正在发送此邮件'
	);

	await page.goto(`/outbox/${retrying}`);
	await expect(page.getByTestId('outbox-wait')).toContainText('邮件服务器暂时拒收，将于');
	await expect(page.getByTestId('outbox-error')).toHaveText('421 4.7.0 Try again later');

	await page.goto(`/outbox?q=${encodeURIComponent(tag)}`);
	const table = page.getByTestId('outbox-table');
	await expect(table).toContainText('正在发送此邮件');
	await expect(table).toContainText('421 4.7.0 Try again later');
});
