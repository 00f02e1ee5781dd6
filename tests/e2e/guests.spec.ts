import Database from 'better-sqlite3';
import { inflateSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { devices, expect, test, type Page } from '@playwright/test';
import { E2E_DB, MAIL_SINK } from './support/env';

// Issue 8, the parts about what guests tell us, companions and our own people (hosts):
// an English guest accepts on a phone with two named companions and a dietary need; staff see
// the dietary count, the message and the companions on the overview, guest list and check-in;
// our general manager gets an internal notice and no invitation; the GM's badge is told apart
// from a vice president's by its colours (read from the PDF's drawn fills).
//
// NOT covered here (other engineers' parts of the issue): that the English guest reads only
// English venue/dress/host details (bilingual fields), company branding in the emails, and the
// confirmation arriving once after three quick changes (confirmation coalescing).

interface Received {
	to?: string;
	subject?: string;
	text?: string;
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

/** A gathering allowing two companions, an English guest, our GM and a vice president. */
function seed(tag: string) {
	const at = new Date().toISOString();
	return withDb((db) => {
		const gatheringId = Number(
			db
				.prepare(
					`insert into gathering (uid, title_zh, title_en, venue_name, venue_address, starts_at,
					   ends_at, rsvp_deadline, status, capacity, companions_allowed, host_name, host_phone,
					   created_at, updated_at)
					 values (?, ?, ?, '外滩酒店', '上海市中山东一路1号', '2027-03-18T10:00:00.000Z',
					   '2027-03-18T14:00:00.000Z', '2027-03-10T10:00:00.000Z', 'open', 50, 2, '陈静',
					   '+86 138 0000 1234', ?, ?)`
				)
				.run(`${tag}@e2e`, `答谢会 ${tag}`, `Thank-you evening ${tag}`, at, at).lastInsertRowid
		);
		const accountId = db
			.prepare(
				`insert into account (name, name_sort, channel, auto_tier, created_at, updated_at)
				 values (?, ?, 'distributor', 'key', ?, ?)`
			)
			.run(`环球贸易${tag}`, `huanqiu${tag}`, at, at).lastInsertRowid;
		const contactId = db
			.prepare(
				`insert into contact (account_id, name, name_latin, salutation, email, locale, created_at,
				   updated_at)
				 values (?, ?, ?, 'Ms Smith', ?, 'en', ?, ?)`
			)
			.run(accountId, `Anna Smith ${tag}`, null, `anna-${tag}@example.com`, at, at).lastInsertRowid;
		const staff = db.prepare(
			`insert into staff_member (name, title, kind, is_general_manager, email, created_at, updated_at)
			 values (?, ?, 'executive', ?, ?, ?, ?)`
		);
		const gm = staff.run(
			`刘强${tag}`,
			'总经理',
			1,
			`gm-${tag}@example.com`,
			at,
			at
		).lastInsertRowid;
		const vp = staff.run(
			`孙副总${tag}`,
			'副总经理',
			0,
			`vp-${tag}@example.com`,
			at,
			at
		).lastInsertRowid;
		const invitee = db.prepare(
			`insert into invitee (gathering_id, contact_id, staff_member_id, role, checkin_code,
			   created_at, updated_at)
			 values (?, ?, ?, ?, ?, ?, ?)`
		);
		invitee.run(gatheringId, contactId, null, 'guest', `${tag}g000000`, at, at);
		const gmInvitee = invitee.run(
			gatheringId,
			null,
			gm,
			'executive',
			`${tag}m000000`,
			at,
			at
		).lastInsertRowid;
		const vpInvitee = invitee.run(
			gatheringId,
			null,
			vp,
			'executive',
			`${tag}v000000`,
			at,
			at
		).lastInsertRowid;
		return { gatheringId, gmInvitee: Number(gmInvitee), vpInvitee: Number(vpInvitee) };
	});
}

async function mails(): Promise<Received[]> {
	return (await (await fetch(`${MAIL_SINK}/messages`)).json()) as Received[];
}

async function mailTo(address: string, subject: RegExp): Promise<Received> {
	let found: Received | undefined;
	await expect
		.poll(
			async () => {
				found = (await mails()).find(
					(m) => m.to?.includes(address) && subject.test(m.subject ?? '')
				);
				return Boolean(found);
			},
			{ timeout: 20_000 }
		)
		.toBe(true);
	return found!;
}

/** Fill colours (#rrggbb) drawn anywhere in a PDF, from its inflated content streams. */
function drawnFills(pdf: Buffer): Set<string> {
	const text = pdf.toString('latin1');
	const fills = new Set<string>();
	for (const m of text.matchAll(/stream\r?\n/g)) {
		const start = (m.index ?? 0) + m[0].length;
		const end = text.indexOf('endstream', start);
		let content: string;
		try {
			content = inflateSync(pdf.subarray(start, end)).toString('latin1');
		} catch {
			continue;
		}
		for (const f of content.matchAll(/([\d.]+) ([\d.]+) ([\d.]+) scn/g)) {
			fills.add(
				'#' +
					[f[1], f[2], f[3]]
						.map((v) =>
							Math.round(Number(v) * 255)
								.toString(16)
								.padStart(2, '0')
						)
						.join('')
			);
		}
	}
	return fills;
}

async function noSeriousAxe(page: Page) {
	const result = await new AxeBuilder({ page }).analyze();
	const serious = result.violations.filter(
		(v) => v.impact === 'serious' || v.impact === 'critical'
	);
	expect(
		serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
}

test('an English guest accepts with two companions on a phone; staff see what they told us; our GM is a host', async ({
	page,
	browser
}) => {
	const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
	const { gatheringId, gmInvitee, vpInvitee } = seed(tag);

	// Send to everyone not invited: the guest gets the invitation, our GM an internal notice.
	await page.goto(`/gatherings/${gatheringId}/invitations`);
	await page.waitForLoadState('networkidle'); // the confirm dialog needs the page's script
	await expect(page.locator('[data-hosts-note]')).toBeVisible();
	await page.getByRole('button', { name: '发送给所有未邀请者（1）' }).click();
	await page.getByRole('button', { name: '确认' }).click();
	await expect(page.getByText('已给 2 位本公司人员发送内部通知。')).toBeVisible();
	const invitation = await mailTo(`anna-${tag}@example.com`, /Invitation/);
	const notice = await mailTo(`gm-${tag}@example.com`, /内部通知/);
	expect(notice.text).toContain('总经理');
	expect(
		(await mails()).filter((m) => m.to?.includes(`gm-${tag}@example.com`)).map((m) => m.subject)
	).toEqual([notice.subject]);

	// The guest answers on a Pixel 7, in English, with two named companions.
	const link = invitation.text?.match(/https?:\/\/\S+\/rsvp\/[a-z0-9]+/)?.[0];
	expect(link).toBeTruthy();
	const phone = await browser.newContext({ ...devices['Pixel 7'] });
	try {
		const guest = await phone.newPage();
		await guest.goto(link!);
		await guest.waitForLoadState('networkidle');
		// The host contact shows before the deadline, not only after it.
		await expect(guest.locator('[data-host-contact]')).toContainText('陈静');
		await guest.getByLabel('I will attend').check();
		await guest.getByRole('button', { name: 'Add a companion' }).click();
		await guest.locator('#companion-name-0').fill('Zhang San');
		await guest.locator('#companion-dietary-0').fill('vegetarian');
		await guest.getByRole('button', { name: 'Add a companion' }).click();
		await guest.locator('#companion-name-1').fill('Li Si');
		// The limit is two: no third row is offered.
		await expect(guest.getByRole('button', { name: 'Add a companion' })).toHaveCount(0);
		await guest.locator('#dietary').fill('Halal');
		await guest.locator('#message_to_host').fill(`Arriving by car ${tag}`);
		await noSeriousAxe(guest);
		// Enter in a field sends the answer (it must not "press" a companion's remove button).
		await guest.locator('#dietary').press('Enter');
		await expect(guest.getByText('Thank you — we look forward to seeing you!')).toBeVisible();
		await expect(guest.locator('[data-companion-row]')).toHaveCount(2);
	} finally {
		await phone.close();
	}

	// Overview: the dietary count, the unread message, hosts counted as attending.
	await page.goto(`/gatherings/${gatheringId}`);
	await expect(page.locator('[data-diet="halal"]')).toContainText('1');
	await expect(page.locator('[data-diet="vegetarian"]')).toContainText('1');
	await expect(page.locator('[data-message="unread"]')).toContainText(`Arriving by car ${tag}`);
	await expect(page.locator('[data-count="hosts"] [data-value]')).toHaveText('2');
	await noSeriousAxe(page);

	// Guest list: the guest with both companions, our people apart as hosts.
	await page.goto(`/gatherings/${gatheringId}/guests`);
	const guests = page.locator('[data-section="guests"]');
	await expect(guests.locator('[data-companion]')).toHaveCount(2);
	await expect(guests).toContainText('Zhang San');
	await expect(guests).toContainText('Halal');
	await expect(page.locator('[data-section="hosts"]')).toContainText(`刘强${tag}`);
	await expect(guests).not.toContainText(`刘强${tag}`);
	await noSeriousAxe(page);

	// Check-in: each companion is checked in on their own.
	await page.goto(
		`/gatherings/${gatheringId}/checkin?q=${encodeURIComponent(`Anna Smith ${tag}`)}`
	);
	await page.waitForLoadState('networkidle');
	const row = page
		.getByRole('listitem')
		.filter({ hasText: `Anna Smith ${tag}` })
		.first();
	await expect(row).toContainText('Halal');
	await row.locator('[data-companion="2"]').click();
	await expect(row.locator('[data-companion="2"]')).toHaveAttribute('aria-pressed', 'true');
	await expect(row.locator('[data-companion="1"]')).toHaveAttribute('aria-pressed', 'false');

	// Badges: the GM's and the vice president's differ in the colours drawn.
	const pdfOf = async (inviteeId: number) => {
		const response = await page.request.get(
			`/gatherings/${gatheringId}/badges/pdf?who=selected&keys=${inviteeId}&layout=a6`
		);
		expect(response.status()).toBe(200);
		return Buffer.from(await response.body());
	};
	const gmFills = drawnFills(await pdfOf(gmInvitee));
	const vpFills = drawnFills(await pdfOf(vpInvitee));
	expect(gmFills.size).toBeGreaterThan(0);
	expect([...gmFills].filter((c) => !vpFills.has(c)).length).toBeGreaterThan(0);
});
