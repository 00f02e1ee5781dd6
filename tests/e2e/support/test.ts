/**
 * The end-to-end suite's `test` and `expect`: Playwright's, with a `page` whose navigations
 * (goto, reload, goBack, goForward) return only once the new document has hydrated, i.e. the
 * root layout's onMount has set `<html data-hydrated>`. Before that a click on a button driven
 * by script does nothing, and what a test types can be reset by hydration; on a busy machine
 * that gap is seconds long. Pages a test opens itself (another context, another browser) get
 * the same with `waitsForHydration(page)`; after a navigation the page starts by itself (a
 * plain form post, a full-page link), call `await hydrated(page)` before using its script.
 */
import { test as base, expect, type Page, type Response } from '@playwright/test';

export { expect };

/** Resolves once the page's current document has hydrated. */
export async function hydrated(page: Page): Promise<void> {
	await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true', { timeout: 30_000 });
}

const NAVIGATIONS = ['goto', 'reload', 'goBack', 'goForward'] as const;

/** Makes the page's own navigations wait for hydration of HTML documents; returns the page. */
export function waitsForHydration(page: Page): Page {
	for (const name of NAVIGATIONS) {
		const navigate = page[name].bind(page) as (...args: unknown[]) => Promise<Response | null>;
		Object.assign(page, {
			[name]: async (...args: unknown[]) => {
				const response = await navigate(...args);
				if (response?.headers()['content-type']?.includes('text/html')) {
					await hydrated(page);
				}
				return response;
			}
		});
	}
	return page;
}

export const test = base.extend({
	page: async ({ page }, use) => {
		await use(waitsForHydration(page));
	}
});
