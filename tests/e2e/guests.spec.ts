import Database from 'better-sqlite3';
import { inflateSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { devices, type Page } from '@playwright/test';
import { E2E_DB, MAIL_SINK } from './support/env';
import { expect, hydrated, test, waitsForHydration } from './support/test';

// Issue 8, the parts about what guests tell us, companions, bilingual details, confirmations and
// our own people (hosts):
// - an English guest accepts on a Pixel 7 with two named companions and a dietary need, and
//   reads the venue, address, dress code, "please bring" and host contact in English only (the
//   gathering has both languages; none of the Chinese values appears on the guest's page);
// - staff see the dietary count, the message and the companions on the overview, guest list and
//   check-in; our general manager gets an internal notice and no invitation; the GM's badge is
//   told apart from a vice president's by its colours (read from the PDF's drawn fills);
// - a guest who changes the answer three times quickly (accept → decline → accept) gets exactly
//   ONE confirmation at the real SMTP sink, stating the final answer (the server settles answers
//   for CONFIRMATION_DELAY_SECONDS, 3 s here, before sending).
// axe reports no serious or critical finding on the pages visited.
//
// NOT covered here: company branding in the emails (other specs).

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

/** The details a guest reads, in Chinese and in English (same order as the seeded columns). */
const DETAILS_ZH = {
	venue: '外滩酒店',
	address: '上海市中山东一路1号',
	dress: '商务正装',
	bring: '请携带名片',
	host: '陈静'
};
const DETAILS_EN = {
	venue: 'The Bund Hotel',
	address: '1 Zhongshan East 1st Road, Shanghai',
	dress: 'Business formal',
	bring: 'Please bring your business card',
	host: 'Jing Chen'
};

/** A gathering allowing two companions, an English guest, our GM and a vice president. */
function seed(tag: string) {
	const at = new Date().toISOString();
	return withDb((db) => {
		const gatheringId = Number(
			db
				.prepare(
					`insert into gathering (uid, title_zh, title_en, venue_name, venue_address, dress_code,
					   bring_notes, host_name, venue_name_en, venue_address_en, dress_code_en,
					   bring_notes_en, host_name_en, starts_at, ends_at, rsvp_deadline, status, capacity,
					   companions_allowed, host_phone, created_at, updated_at)
					 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2027-03-18T10:00:00.000Z',
					   '2027-03-18T14:00:00.000Z', '2027-03-10T10:00:00.000Z', 'open', 50, 2,
					   '+86 138 0000 1234', ?, ?)`
				)
				.run(
					`${tag}@e2e`,
					`答谢会 ${tag}`,
					`Thank-you evening ${tag}`,
					...Object.values(DETAILS_ZH),
					...Object.values(DETAILS_EN),
					at,
					at
				).lastInsertRowid
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
		const guestInvitee = invitee.run(
			gatheringId,
			contactId,
			null,
			'guest',
			`${tag}g000000`,
			at,
			at
		).lastInsertRowid;
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
		return {
			gatheringId,
			guestInvitee: Number(guestInvitee),
			gmInvitee: Number(gmInvitee),
			vpInvitee: Number(vpInvitee)
		};
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

/** Sends to everyone not invited; checks our GM got one internal notice; the guest's RSVP link. */
async function inviteAll(page: Page, gatheringId: number, tag: string): Promise<string> {
	await page.goto(`/gatherings/${gatheringId}/invitations`);
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

	const link = invitation.text?.match(/https?:\/\/\S+\/rsvp\/[a-z0-9]+/)?.[0];
	expect(link).toBeTruthy();
	return link!;
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
	const link = await inviteAll(page, gatheringId, tag);

	// The guest answers on a Pixel 7, in English, with two named companions.
	const phone = await browser.newContext({ ...devices['Pixel 7'] });
	try {
		const guest = waitsForHydration(await phone.newPage());
		await guest.goto(link);
		// The host contact shows before the deadline, not only after it.
		await expect(guest.locator('[data-host-contact]')).toContainText(DETAILS_EN.host);
		// Every detail in English, none of the Chinese ones.
		const main = guest.locator('main');
		for (const value of Object.values(DETAILS_EN)) {
			await expect(main).toContainText(value);
		}
		const shown = await main.innerText();
		expect(Object.values(DETAILS_ZH).filter((value) => shown.includes(value))).toEqual([]);
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

test('three quick changes of answer bring one confirmation, stating the final answer', async ({
	page,
	browser
}) => {
	const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
	const { gatheringId, guestInvitee } = seed(tag);
	const link = await inviteAll(page, gatheringId, tag);
	const address = `anna-${tag}@example.com`;
	const confirmations = async () =>
		(await mails()).filter(
			(m) => m.to?.includes(address) && /^(You are attending|Your reply):/.test(m.subject ?? '')
		);

	const phone = await browser.newContext({ ...devices['Pixel 7'] });
	try {
		const guest = waitsForHydration(await phone.newPage());
		await guest.goto(link);
		// accept → decline → accept, each a plain form post answered by a new page.
		await guest.getByLabel('I will attend').check();
		await guest.getByRole('button', { name: 'Send my reply' }).click();
		await expect(guest.getByText('Thank you — we look forward to seeing you!')).toBeVisible();
		await hydrated(guest);
		await guest.getByLabel('I cannot attend').check();
		await guest.getByRole('button', { name: 'Update my reply' }).click();
		await expect(guest.getByText('Thank you for letting us know.')).toBeVisible();
		await hydrated(guest);
		await guest.getByLabel('I will attend').check();
		await guest.getByRole('button', { name: 'Update my reply' }).click();
		await expect(guest.getByText('Thank you — we look forward to seeing you!')).toBeVisible();
	} finally {
		await phone.close();
	}

	// The settled answer goes out once the delay has passed…
	await expect
		.poll(async () => (await confirmations()).length, { timeout: 30_000 })
		.toBeGreaterThan(0);
	// …and nothing for this guest is left waiting in the outbox, so no second one can follow.
	const queued = () =>
		withDb(
			(db) =>
				(
					db
						.prepare(
							`select count(*) as n from outbox_message
							 where invitee_id = ? and kind = 'rsvp_confirmation' and status = 'queued'`
						)
						.get(guestInvitee) as { n: number }
				).n
		);
	await expect.poll(queued, { timeout: 15_000 }).toBe(0);
	const received = await confirmations();
	expect(received.map((m) => m.subject)).toEqual([`You are attending: Thank-you evening ${tag}`]);
	expect(received[0].text).toContain('Thank you for confirming.');
	expect(received[0].text).not.toContain('cannot come');
	// The outbox agrees: one confirmation for this guest was ever sent.
	expect(
		withDb(
			(db) =>
				db
					.prepare(
						`select status from outbox_message where invitee_id = ? and kind = 'rsvp_confirmation'`
					)
					.all(guestInvitee) as { status: string }[]
		).map((r) => r.status)
	).toEqual(['sent']);
});
