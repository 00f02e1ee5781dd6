import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { E2E_DB } from './support/env';
import { expect, hydrated, test } from './support/test';

// Every name carries a random suffix: CI runs all specs against one database in any order.
function suffix(): string {
	return Array.from(randomBytes(6), (b) => String.fromCharCode(97 + (b % 26))).join('');
}

function withDb<T>(work: (db: Database.Database) => T): T {
	const db = new Database(E2E_DB, { timeout: 10_000 });
	db.pragma('journal_mode = WAL');
	db.pragma('foreign_keys = ON');
	try {
		return db.transaction(() => work(db))();
	} finally {
		db.close();
	}
}

/** An account with three contacts straight into the directory (the contacts pages are not under test). */
function seedDirectory(tag: string): { account: string; names: string[] } {
	const at = new Date().toISOString();
	const account = `鸿运商贸${tag}`;
	const names = [`王建国${tag}`, `李秀英${tag}`, `陈思远${tag}`];
	withDb((db) => {
		const accountId = db
			.prepare(
				`insert into account (name, name_sort, channel, auto_tier, created_at, updated_at)
				 values (?, ?, 'distributor', 'key', ?, ?)`
			)
			.run(account, `hongyun${tag}`, at, at).lastInsertRowid;
		const contact = db.prepare(
			`insert into contact (account_id, name, name_pinyin, name_initials, email, created_at, updated_at)
			 values (?, ?, ?, ?, ?, ?, ?)`
		);
		names.forEach((name, i) =>
			contact.run(accountId, name, `p${i}${tag}`, `i${i}${tag}`, `g${i}${tag}@example.com`, at, at)
		);
	});
	return { account, names };
}

/** Answers as the RSVP page and phone calls would leave them (those pages are not under test). */
function answer(gatheringId: number, name: string, status: string, companions = 0) {
	withDb((db) => {
		db.prepare(
			`update invitee set status = ?, answer_source = 'link', answered_at = ?, invited_at = ?
			 where gathering_id = ? and contact_id = (select id from contact where name = ?)`
		).run(status, new Date().toISOString(), new Date().toISOString(), gatheringId, name);
		const companion = db.prepare(
			`insert into invitee_companion (gathering_id, invitee_id, position, name, created_at)
			 select ?, id, ?, '', ? from invitee
			 where gathering_id = ? and contact_id = (select id from contact where name = ?)`
		);
		for (let p = 1; p <= companions; p++) {
			companion.run(gatheringId, p, new Date().toISOString(), gatheringId, name);
		}
	});
}

/** How far the page sticks out sideways (0 when nothing does, as a phone layout should). */
function sidewaysOverflow(page: Page) {
	return page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
}

async function count(page: Page, key: string) {
	return page.locator(`[data-count="${key}"] [data-value]`);
}

test('staff create a gathering, add contacts from the directory once, and see the counts', async ({
	page
}) => {
	const tag = suffix();
	const { names } = seedDirectory(tag);

	await page.goto('/gatherings');
	await page.getByRole('link', { name: '新建聚会' }).first().click();
	await expect(page).toHaveURL(/\/gatherings\/new$/);

	// Bad input is answered inline and nothing is created.
	await page.getByLabel('标题（中文）').fill(`年终答谢会 ${tag}`);
	await page.getByLabel('开始').fill('2026-12-18T18:00');
	await page.getByLabel('结束').fill('2026-12-18T17:00');
	await page.getByRole('button', { name: '创建' }).click();
	await expect(page.getByText('结束时间必须晚于开始时间。')).toBeVisible();

	await page.getByLabel('结束').fill('2026-12-18T22:00');
	await page.getByLabel('容纳人数').fill('3');
	await page.getByLabel('每位来宾可带随行人员人数').fill('1');
	await page.locator('#venue_name').fill('外滩酒店');
	await page.getByRole('button', { name: '创建' }).click();
	await expect(page).toHaveURL(/\/gatherings\/\d+$/);
	await expect(page.getByRole('heading', { name: `年终答谢会 ${tag}` })).toBeVisible();
	const gatheringId = Number(new URL(page.url()).pathname.split('/').pop());
	// Entered in Shanghai time, shown back the same.
	await expect(page.getByText(/18:00/).first()).toBeVisible();

	await page
		.getByRole('navigation', { name: '聚会栏目' })
		.getByRole('link', { name: '来宾' })
		.click();
	await expect(page.getByText('名单上还没有人')).toBeVisible();
	await page.getByLabel('搜索姓名、拼音或公司').fill(tag);
	await page.getByRole('button', { name: '查找' }).click();
	await expect(page.getByText('找到 3 位联系人')).toBeVisible();
	for (const name of names) {
		await page.getByRole('checkbox', { name: new RegExp(name) }).check();
	}
	await page.getByRole('button', { name: '添加所选' }).first().click();
	await expect(page.getByText('已添加 3 人。')).toBeVisible();
	await hydrated(page);
	await expect(page.locator('[data-invitee]')).toHaveCount(3);

	// Adding the same people again changes nothing and says so.
	await page.getByRole('button', { name: '全部添加（3 人）' }).click();
	await expect(page.getByText('已添加 0 人；3 人原本就在名单上。')).toBeVisible();
	await expect(page.locator('[data-invitee]')).toHaveCount(3);

	answer(gatheringId, names[0], 'accepted', 1);
	answer(gatheringId, names[1], 'accepted');
	answer(gatheringId, names[2], 'declined');

	await page.goto(`/gatherings/${gatheringId}`);
	await expect(await count(page, 'listed')).toHaveText('3');
	await expect(await count(page, 'accepted')).toHaveText('2');
	await expect(page.locator('[data-count="accepted"] [data-heads]')).toHaveText(
		'含随行人员共 3 人'
	);
	await expect(await count(page, 'declined')).toHaveText('1');
	await expect(page.locator('[data-capacity="full"]')).toBeVisible();

	// The attendee CSV has the accepted people, not the one who declined.
	const csv = await page.request.get(`/gatherings/${gatheringId}/export`);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const body = (await csv.body()).toString('utf8');
	expect(body.charCodeAt(0)).toBe(0xfeff);
	expect(body).toContain(names[0]);
	expect(body).not.toContain(names[2]);

	// Open it, then move it onto National Day: the form warns while the time is chosen, the save
	// goes through, and the accepted guests can be told.
	await page.getByRole('button', { name: '开放报名' }).click();
	await expect(page.locator('[data-status]')).toHaveText('开放');
	// The status form is a plain post: a new document, whose links and form need its script.
	await hydrated(page);
	await page.getByRole('link', { name: '编辑' }).click();
	await expect(page.locator('[data-schedule-check]')).toBeVisible();
	await hydrated(page);
	await page.getByLabel('开始').fill('2026-10-01T10:00');
	await page.getByLabel('结束').fill('2026-10-01T12:00');
	// The check runs while typing: between the two fills it sees 1 October to the old end (every
	// day of the holiday week). Wait for the check of the final times: the one day.
	const holiday = page.locator('[data-holiday="holiday"]');
	await expect(holiday).toHaveCount(1);
	await expect(holiday).toContainText('国庆节');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page).toHaveURL(new RegExp(`/gatherings/${gatheringId}\\?changed=schedule$`));
	const offer = page.locator('[data-update-offer]');
	await expect(offer).toContainText('时间或地点已更改');
	await expect(offer.locator('form')).toHaveAttribute(
		'action',
		`/gatherings/${gatheringId}/invitations?/sendUpdate`
	);
	const sequence = withDb(
		(db) =>
			(
				db.prepare('select ics_sequence from gathering where id = ?').get(gatheringId) as {
					ics_sequence: number;
				}
			).ics_sequence
	);
	expect(sequence).toBe(1);

	// Removing someone who answered asks first.
	await page.goto(`/gatherings/${gatheringId}/guests?status=accepted`);
	await expect(page.locator('[data-invitee]')).toHaveCount(2);
	const row = page.locator('[data-invitee]').filter({ hasText: names[1] });
	await row.getByText('编辑').click();
	await row.getByRole('button', { name: '移除' }).click();
	const dialog = page.getByRole('alertdialog');
	await expect(dialog).toContainText(`把 ${names[1]} 从名单中移除？`);
	await dialog.getByRole('button', { name: '移除' }).click();
	await expect(page.getByText(`已把 ${names[1]} 移出名单。`)).toBeVisible();
	await expect(page.locator('[data-invitee]')).toHaveCount(1);
});

test('the gathering page and guest list work on a phone @phone', async ({ page }) => {
	const tag = suffix();
	const { names } = seedDirectory(tag);
	const at = new Date().toISOString();
	const gatheringId = withDb((db) => {
		const id = Number(
			db
				.prepare(
					`insert into gathering (uid, title_zh, title_en, starts_at, ends_at, status, capacity, companions_allowed, created_at, updated_at)
					 values (?, ?, ?, '2026-12-20T10:00:00.000Z', '2026-12-20T13:00:00.000Z', 'open', 50, 2, ?, ?)`
				)
				.run(`${tag}@e2e`, `新春茶话会 ${tag}`, `Spring Tea ${tag}`, at, at).lastInsertRowid
		);
		const add = db.prepare(
			`insert into invitee (gathering_id, contact_id, role, status, answer_source, answered_at, checkin_code, created_at, updated_at)
			 values (?, (select id from contact where name = ?), 'guest', ?, ?, ?, ?, ?, ?)`
		);
		const first = add.run(id, names[0], 'accepted', 'phone', at, `${tag}a0000000`, at, at);
		const companion = db.prepare(
			`insert into invitee_companion (gathering_id, invitee_id, position, name, created_at)
			 values (?, ?, ?, '', ?)`
		);
		companion.run(id, first.lastInsertRowid, 1, at);
		companion.run(id, first.lastInsertRowid, 2, at);
		add.run(id, names[1], 'invited', null, null, `${tag}b0000000`, at, at);
		add.run(id, names[2], 'not_invited', null, null, `${tag}c0000000`, at, at);
		return id;
	});

	await page.goto(`/gatherings/${gatheringId}`);
	await expect(page.getByRole('heading', { name: `新春茶话会 ${tag}` })).toBeVisible();
	await expect(await count(page, 'accepted')).toHaveText('1');
	await expect(page.locator('[data-count="accepted"] [data-heads]')).toHaveText(
		'含随行人员共 3 人'
	);
	await expect(await count(page, 'no_answer')).toHaveText('1');
	await expect(await count(page, 'not_invited')).toHaveText('1');
	expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(1);

	await page
		.getByRole('navigation', { name: '聚会栏目' })
		.getByRole('link', { name: '来宾' })
		.click();
	await page.getByLabel('状态').selectOption('accepted');
	await page.getByRole('button', { name: '筛选' }).click();
	await expect(page.locator('[data-invitee]')).toHaveCount(1);
	const row = page.locator('[data-invitee]').first();
	await expect(row).toContainText(names[0]);
	await expect(row).toContainText('电话');
	expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(1);
});
