import { readFileSync } from 'node:fs';
import { request } from '@playwright/test';
import { BASE_URL } from './support/env';
import { expect, test } from './support/test';

/**
 * Texts reach people in their language end to end: the answers the server gives before any page
 * (a cross-site form, a signed-out change, an unknown address) and the labels pages take from the
 * typed kind → message maps. Expected texts are read from the message files, not copied here.
 */

type Locale = 'zh-CN' | 'en';
const LOCALES: Locale[] = ['zh-CN', 'en'];

function message(area: string, locale: Locale, key: string, params: Record<string, string> = {}) {
	const file = `messages/${area ? `${area}/` : ''}${locale}.json`;
	const text = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)[key];
	expect(text, `${key} in ${file}`).toBeTruthy();
	return text.replace(/\{(\w+)\}/g, (_, name: string) => params[name]);
}

/** A signed-out client that wants JSON, in one language (no cookie: Accept-Language decides). */
function client(locale: Locale, origin = BASE_URL) {
	return request.newContext({
		baseURL: BASE_URL,
		extraHTTPHeaders: { origin, accept: 'application/json', 'accept-language': locale },
		storageState: { cookies: [], origins: [] }
	});
}

for (const locale of LOCALES) {
	test(`the server's refusals are in the visitor's language (${locale})`, async () => {
		const foreign = await client(locale, 'https://evil.example');
		const crossSite = await foreign.post('/login', { form: { email: 'a@b.c', password: 'x' } });
		expect(crossSite.status()).toBe(403);
		expect((await crossSite.json()).message).toBe(
			message('security', locale, 'security_error_cross_site_form', { method: 'POST' })
		);
		await foreign.dispose();

		const visitor = await client(locale);
		const signedOut = await visitor.post('/accounts/new', { form: { name: 'x' } });
		expect(signedOut.status()).toBe(401);
		expect((await signedOut.json()).message).toBe(
			message('security', locale, 'security_error_sign_in_first')
		);

		// Under /rsvp/ (public), so the router's own 404 answers rather than the sign-in redirect.
		const unknown = await visitor.get('/rsvp/x/no/such/page', { headers: { accept: 'text/html' } });
		expect(unknown.status()).toBe(404);
		expect(await unknown.text()).toContain(message('', locale, 'error_page_not_found'));
		await visitor.dispose();
	});

	test(`the CSV import pages explain every column in the user's language (${locale})`, async ({
		page
	}) => {
		await page
			.context()
			.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: BASE_URL, sameSite: 'Lax' }]);
		for (const [path, keys] of [
			['/contacts/import', ['csv_col_contacts_company', 'csv_col_contacts_dates']],
			['/accounts/import', ['csv_col_accounts_channel', 'csv_col_accounts_tags']]
		] as const) {
			await page.goto(path);
			for (const key of keys) {
				// Each hint opens its column's <dd> (the aliases follow in a smaller line).
				await expect(page.locator('dd', { hasText: message('contacts', locale, key) })).toHaveCount(
					1
				);
			}
		}
	});
}
