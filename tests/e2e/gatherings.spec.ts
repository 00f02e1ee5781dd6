import type { Page } from '@playwright/test';
import {
	addCompanions,
	addInvitee,
	newGathering,
	seedAccount,
	seedContact,
	tag as suffix,
	withE2eDb
} from './support/seed';
import { expect, hydrated, test } from './support/test';

// Every name carries a random suffix: CI runs all specs against one database in any order.

/** An account with three contacts in the directory (the contacts pages are not under test). */
async function seedDirectory(
	tag: string
): Promise<{ account: string; names: string[]; contactIds: number[] }> {
	const account = `鸿运商贸${tag}`;
	const names = [`王建国${tag}`, `李秀英${tag}`, `陈思远${tag}`];
	const contactIds = await withE2eDb(async (db) => {
		const accountId = await seedAccount(db, { name: account, key: true });
		const ids: number[] = [];
		for (const [i, name] of names.entries()) {
			ids.push(await seedContact(db, accountId, { name, email: `g${i}${tag}@example.com` }));
		}
		return ids;
	});
	return { account, names, contactIds };
}

/** Answers as the RSVP page and phone calls would leave them (those pages are not under test). */
async function answer(
	gatheringId: number,
	contactId: number,
	status: 'accepted' | 'declined',
	companions = 0
) {
	await withE2eDb(async (db) => {
		const at = new Date().toISOString();
		const invitee = await db
			.updateTable('invitee')
			.set({ status, answer_source: 'link', answered_at: at, invited_at: at })
			.where('gathering_id', '=', gatheringId)
			.where('contact_id', '=', contactId)
			.returning('id')
			.executeTakeFirstOrThrow();
		await addCompanions(db, gatheringId, invitee.id, Array(companions).fill(''));
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
	const { names, contactIds } = await seedDirectory(tag);

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

	await answer(gatheringId, contactIds[0], 'accepted', 1);
	await answer(gatheringId, contactIds[1], 'accepted');
	await answer(gatheringId, contactIds[2], 'declined');

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
	const sequence = await withE2eDb(async (db) => {
		const row = await db
			.selectFrom('gathering')
			.select('ics_sequence')
			.where('id', '=', gatheringId)
			.executeTakeFirstOrThrow();
		return row.ics_sequence;
	});
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
	const { names, contactIds } = await seedDirectory(tag);
	const gatheringId = await withE2eDb(async (db) => {
		const id = await newGathering(db, {
			uid: `${tag}@e2e`,
			title_zh: `新春茶话会 ${tag}`,
			title_en: `Spring Tea ${tag}`,
			starts_at: '2026-12-20T10:00:00.000Z',
			ends_at: '2026-12-20T13:00:00.000Z',
			status: 'open',
			capacity: 50,
			companions_allowed: 2
		});
		const first = await addInvitee(
			db,
			id,
			{ contact_id: contactIds[0] },
			{ status: 'accepted', answer_source: 'phone' }
		);
		await addCompanions(db, id, first.id, ['', '']);
		await addInvitee(db, id, { contact_id: contactIds[1] }, { status: 'invited' });
		await addInvitee(db, id, { contact_id: contactIds[2] }, { status: 'not_invited' });
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
