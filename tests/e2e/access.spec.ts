import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { VIEWER } from './support/env';

/** Every URL under src/routes/(staff), with parameters filled in with a plausible id. */
function staffRoutes(): string[] {
	const root = 'src/routes/(staff)';
	const routes = new Set<string>();
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) {
				walk(path);
			} else if (/^\+(page|page\.server|server)\.ts$|^\+page\.svelte$/.test(name)) {
				const route = relative(root, dir)
					.split('/')
					.filter((part) => part && !part.startsWith('('))
					.map((part) => part.replace(/^\[\.\.\.\w+\]$/, 'x').replace(/^\[\w+(=\w+)?\]$/, '1'))
					.join('/');
				routes.add('/' + route);
			}
		}
	};
	walk(root);
	return [...routes].sort();
}

const routes = staffRoutes();

test('the list of staff routes is found', () => {
	expect(routes).toContain('/');
	expect(routes).toContain('/admin/users');
	expect(routes.length).toBeGreaterThan(5);
});

test('a visitor without a session is sent to sign in, and cannot change anything', async ({
	baseURL
}) => {
	const visitor = await newClient(baseURL);
	for (const route of routes) {
		const get = await visitor.get(route, { maxRedirects: 0 });
		expect(get.status(), `GET ${route}`).toBe(303);
		expect(get.headers()['location'], `GET ${route}`).toMatch(/^\/login\?next=/);
		const post = await visitor.post(route, { form: { id: '1' }, maxRedirects: 0 });
		expect(post.status(), `POST ${route}`).toBe(401);
	}
	await visitor.dispose();
});

/**
 * A fresh API client with no cookies (not the project's signed-in storage state) that posts forms
 * as a browser does: SvelteKit answers a form post that accepts any type as JSON (status 200).
 */
function newClient(baseURL: string | undefined) {
	return request.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' },
		storageState: { cookies: [], origins: [] }
	});
}

async function signIn(context: APIRequestContext, email: string, password: string) {
	const response = await context.post('/login', { form: { email, password }, maxRedirects: 0 });
	expect(response.status()).toBe(303);
}

test('a viewer can read every page but change nothing', async ({ baseURL }) => {
	const viewer = await newClient(baseURL);
	await signIn(viewer, VIEWER.email, VIEWER.password);
	const home = await viewer.get('/', { maxRedirects: 0 });
	expect(home.status()).toBe(200);
	// Their own profile is theirs to change, whatever their role (checked below).
	for (const route of routes.filter((r) => r !== '/profile')) {
		for (const action of ['', '?/create', '?/delete', '?/update']) {
			const post = await viewer.post(route + action, { form: { id: '1' }, maxRedirects: 0 });
			expect(post.status(), `POST ${route}${action}`).toBe(403);
		}
	}
	const admin = await viewer.get('/admin/users', { maxRedirects: 0 });
	expect(admin.status()).toBe(403);
	// Their own password and language remain theirs to change.
	const profile = await viewer.post('/profile?/password', {
		form: { current: 'wrong', next: 'another-pass', confirm: 'another-pass' },
		maxRedirects: 0
	});
	expect(profile.status()).toBe(400);
	await viewer.dispose();
});
