import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { BASE_URL } from './support/env';
import {
	addInvitee,
	newGathering,
	seedAccount,
	seedContact,
	tag as suffix,
	withE2eDb
} from './support/seed';

// axe on the staff pages, desktop and phone (@phone), in both languages: no serious or critical
// finding. Plus the layout defects axe cannot see (text squeezed to one character per line) and
// the badges page's console.

/** A gathering with accepted guests from one account (two accepted, one still to answer). */
async function seed(): Promise<{ gatheringId: number; accountId: number }> {
	const tag = suffix();
	return withE2eDb(async (db) => {
		const accountId = await seedAccount(db, { name: `上海鸿运国际贸易有限公司${tag}`, key: true });
		const gatheringId = await newGathering(db, {
			uid: `${tag}@a11y`,
			title_zh: `答谢会${tag}`,
			title_en: 'Key Account Evening',
			starts_at: '2027-01-15T10:00:00.000Z',
			ends_at: '2027-01-15T14:00:00.000Z',
			rsvp_deadline: '2027-01-08T10:00:00.000Z',
			venue_address: '上海市中山东一路1号'
		});
		for (const [i, name] of ['王建国', '李秀英', '陈思远'].entries()) {
			const contactId = await seedContact(db, accountId, {
				name: `${name}${tag}`,
				name_latin: 'Wang Jianguo',
				email: `a11y${i}${tag}@example.com`,
				phone: '13800000000'
			});
			await addInvitee(
				db,
				gatheringId,
				{ contact_id: contactId },
				{ status: i === 2 ? 'invited' : 'accepted' }
			);
		}
		return { gatheringId, accountId };
	});
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
		const { gatheringId, accountId } = await seed();
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
	const { gatheringId } = await seed();
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
	const { gatheringId } = await seed();
	await page.setViewportSize({ width: 1280, height: 800 });
	await useLanguage(page, 'zh-CN');
	await page.goto(`/gatherings/${gatheringId}/guests`, { waitUntil: 'networkidle' });
	const form = page.locator('form[method="GET"]').first();
	await expect(form).toBeVisible();
	expect(await squeezed(page, 'form[method="GET"] :is(button, a)')).toEqual([]);
});

test('the invitations table keeps company names readable on a phone @phone', async ({ page }) => {
	const { gatheringId } = await seed();
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
