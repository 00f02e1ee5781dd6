import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { BASE_URL, E2E_DB } from './support/env';

// axe on the staff pages, desktop and phone (@phone), in both languages: no serious or critical
// finding. Plus the layout defects axe cannot see (text squeezed to one character per line) and
// the badges page's console.

function suffix(): string {
	return Array.from(randomBytes(6), (b) => String.fromCharCode(97 + (b % 26))).join('');
}

/** A gathering with accepted guests from one account, straight into the database. */
function seed(): { gatheringId: number; accountId: number } {
	const tag = suffix();
	const at = new Date().toISOString();
	const db = new Database(E2E_DB, { timeout: 10_000 });
	db.pragma('foreign_keys = ON');
	try {
		return db.transaction(() => {
			const accountId = Number(
				db
					.prepare(
						`insert into account (name, name_sort, channel, auto_tier, created_at, updated_at)
						 values (?, ?, 'distributor', 'key', ?, ?)`
					)
					.run(`上海鸿运国际贸易有限公司${tag}`, `hongyun${tag}`, at, at).lastInsertRowid
			);
			const gatheringId = Number(
				db
					.prepare(
						`insert into gathering (uid, title_zh, title_en, venue_name, venue_address, time_zone,
						   starts_at, ends_at, rsvp_deadline, status, created_at, updated_at)
						 values (?, ?, 'Key Account Evening', '外滩酒店', '上海市中山东一路1号', 'Asia/Shanghai',
						   '2027-01-15T10:00:00.000Z', '2027-01-15T14:00:00.000Z', '2027-01-08T10:00:00.000Z',
						   'open', ?, ?)`
					)
					.run(`${tag}@a11y`, `答谢会${tag}`, at, at).lastInsertRowid
			);
			const contact = db.prepare(
				`insert into contact (account_id, name, name_latin, name_pinyin, name_initials, email, phone,
				   created_at, updated_at) values (?, ?, ?, ?, ?, ?, '13800000000', ?, ?)`
			);
			const invitee = db.prepare(
				`insert into invitee (gathering_id, contact_id, role, status, answer_source, answered_at,
				   invited_at, checkin_code, created_at, updated_at)
				 values (?, ?, 'guest', ?, 'link', ?, ?, ?, ?, ?)`
			);
			['王建国', '李秀英', '陈思远'].forEach((name, i) => {
				const id = contact.run(
					accountId,
					`${name}${tag}`,
					'Wang Jianguo',
					`p${i}${tag}`,
					`i${i}${tag}`,
					`a11y${i}${tag}@example.com`,
					at,
					at
				).lastInsertRowid;
				const code = `a${i}${tag}`.padEnd(16, 'x');
				invitee.run(gatheringId, id, i === 2 ? 'invited' : 'accepted', at, at, code, at, at);
			});
			return { gatheringId, accountId };
		})();
	} finally {
		db.close();
	}
}

function staffPages(gatheringId: number, accountId: number): string[] {
	const g = `/gatherings/${gatheringId}`;
	return [
		'/',
		'/gatherings',
		'/gatherings/new',
		g,
		`${g}/edit`,
		`${g}/guests`,
		`${g}/invitations`,
		`${g}/calls`,
		`${g}/badges`,
		`${g}/checkin`,
		`${g}/materials`,
		'/accounts',
		`/accounts/${accountId}`,
		'/contacts',
		'/contacts/new',
		'/host',
		'/outbox',
		'/settings',
		'/profile'
	];
}

async function useLanguage(page: Page, locale: 'zh-CN' | 'en') {
	await page
		.context()
		.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: BASE_URL, sameSite: 'Lax' }]);
}

async function seriousFindings(page: Page) {
	const result = await new AxeBuilder({ page }).analyze();
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => ({
			id: v.id,
			impact: v.impact,
			nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
		}));
}

for (const locale of ['zh-CN', 'en'] as const) {
	test(`staff pages have no serious or critical axe finding (${locale}) @phone`, async ({
		page
	}) => {
		test.setTimeout(240_000);
		const { gatheringId, accountId } = seed();
		await useLanguage(page, locale);
		const findings: Record<string, unknown> = {};
		for (const path of staffPages(gatheringId, accountId)) {
			await page.goto(path, { waitUntil: 'networkidle' });
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			const serious = await seriousFindings(page);
			if (serious.length > 0) {
				findings[path] = serious;
			}
		}
		expect(findings).toEqual({});
	});
}

test('the badges page logs no console warning', async ({ page }) => {
	const { gatheringId } = seed();
	const messages: string[] = [];
	page.on('console', (msg) => {
		if (msg.type() === 'warning' || msg.type() === 'error') {
			messages.push(msg.text());
		}
	});
	await page.goto(`/gatherings/${gatheringId}/badges`, { waitUntil: 'networkidle' });
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	expect(messages).toEqual([]);
});

test('the language button is named by the text it shows', async ({ page }) => {
	await useLanguage(page, 'zh-CN');
	await page.goto('/', { waitUntil: 'networkidle' });
	const button = page.locator('form[action="/locale"] button').first();
	const visible = (await button.innerText()).trim();
	await expect(button).toHaveAccessibleName(new RegExp(visible));
});

/** Controls whose label wraps onto more than one line (a squeezed label reads one character a line). */
async function squeezed(page: Page, selector: string): Promise<string[]> {
	return page.locator(selector).evaluateAll((elements) =>
		elements
			.filter((el) => {
				const range = document.createRange();
				range.selectNodeContents(el);
				const tops = new Set(
					Array.from(range.getClientRects())
						.filter((r) => r.width > 0)
						.map((r) => Math.round(r.top))
				);
				return tops.size > 1;
			})
			.map((el) => (el.textContent ?? '').trim())
	);
}

test('the guest-list filter buttons keep their words on one line at 1280 px', async ({ page }) => {
	const { gatheringId } = seed();
	await page.setViewportSize({ width: 1280, height: 800 });
	await useLanguage(page, 'zh-CN');
	await page.goto(`/gatherings/${gatheringId}/guests`, { waitUntil: 'networkidle' });
	const form = page.locator('form[method="GET"]').first();
	await expect(form).toBeVisible();
	expect(await squeezed(page, 'form[method="GET"] :is(button, a)')).toEqual([]);
});

test('the invitations table keeps company names readable on a phone @phone', async ({ page }) => {
	const { gatheringId } = seed();
	await page.setViewportSize({ width: 412, height: 915 });
	await page.goto(`/gatherings/${gatheringId}/invitations`, { waitUntil: 'networkidle' });
	await expect(page.locator('table').first()).toBeVisible();
	const cells = page.locator('table tbody tr td:nth-child(3)');
	const widths = await cells.evaluateAll((tds) =>
		tds.map((td) => td.getBoundingClientRect().width)
	);
	const fontSize = await cells.first().evaluate((td) => parseFloat(getComputedStyle(td).fontSize));
	// Room for at least six characters of a company name on a line.
	for (const width of widths) {
		expect(width).toBeGreaterThanOrEqual(fontSize * 6);
	}
});
