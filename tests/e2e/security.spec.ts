import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { VIEWER } from './support/env';

/**
 * What the built server answers at the HTTP level: redirects stay on this origin, headers are on
 * every kind of response, staff data is not cached, and bad bodies get a clear 4xx.
 */

/** A client without cookies that posts as a browser form does (Origin header, HTML wanted). */
function newClient(baseURL: string | undefined, storageState?: string) {
	return request.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' },
		storageState: storageState ?? { cookies: [], origins: [] }
	});
}

async function signedIn(baseURL: string | undefined, email: string, password: string) {
	const client = await newClient(baseURL);
	const response = await client.post('/login', { form: { email, password }, maxRedirects: 0 });
	expect(response.status()).toBe(303);
	return client;
}

/** Hostile `next` values seen in the wild: each must land on this origin, never elsewhere. */
const HOSTILE_NEXT = [
	'/%5Cevil.example/x',
	'/%09/evil.example/x',
	'/%5C%5Cevil.example',
	'%2F%2Fevil.example',
	'/%2F%2Fevil.example',
	'//evil.example',
	'///evil.example',
	'/%0A/evil.example',
	'/%0D/evil.example',
	'/./%2F/evil.example',
	'/.//evil.example',
	'/%2e%2e//evil.example',
	'https://evil.example/',
	'https:evil.example',
	'http:%5C%5Cevil.example',
	'javascript:alert(1)',
	'%20//evil.example',
	'/%E3%80%80//evil.example',
	'\\evil.example',
	'/%0D%0ASet-Cookie:%20x=1'
];

test('sign-in never sends anyone to another site, however `next` is written', async ({
	baseURL
}) => {
	const viewer = await signedIn(baseURL, VIEWER.email, VIEWER.password);
	const origin = new URL(baseURL!).origin;
	for (const next of HOSTILE_NEXT) {
		const response = await viewer.get(`/login?next=${next}`, { maxRedirects: 0 });
		expect(response.status(), next).toBe(303);
		const location = response.headers()['location'];
		// Browsers read a backslash as a slash and drop tabs and newlines: resolve as they do.
		expect(new URL(location, baseURL).origin, `${next} → ${location}`).toBe(origin);
		expect(location, `${next} → ${location}`).toMatch(/^\/(?![/\\])/);
		expect(response.headers()['set-cookie'] ?? '', next).not.toContain('x=1');
	}
	// An ordinary path, with its query, is kept.
	const fine = await viewer.get('/login?next=%2Fcontacts%3Fq%3D%E7%8E%8B', { maxRedirects: 0 });
	expect(fine.headers()['location']).toBe('/contacts?q=%E7%8E%8B');
	await viewer.dispose();
});

test('a parallel burst of sign-ins is throttled before any password is checked', async ({
	baseURL
}) => {
	// A user of its own, so the lock this test causes touches no other test's sign-in.
	const admin = await newClient(baseURL, test.info().project.use.storageState as string);
	const email = `burst-${test.info().project.name}-${Date.now()}@example.com`;
	const created = await admin.post('/admin/users?/create', {
		form: { email, name: '并发测试', role: 'viewer', password: 'burst-right-pass' },
		maxRedirects: 0
	});
	expect(created.status()).toBe(303);
	await admin.dispose();

	// Twelve wrong passwords sent at once (under the per-address allowance of 20, so only this
	// account is locked for this address), then the right one.
	const visitor = await newClient(baseURL);
	const responses = await Promise.all(
		Array.from({ length: 12 }, (_, i) =>
			visitor.post('/login', { form: { email, password: `wrong-${i}` }, maxRedirects: 0 })
		)
	);
	const statuses = responses.map((r) => r.status());
	// 400 is a checked wrong password, 429 an attempt refused before its password was checked.
	expect(statuses.filter((s) => s === 400).length, statuses.join()).toBeLessThanOrEqual(6);
	expect(statuses.filter((s) => s === 429).length, statuses.join()).toBeGreaterThanOrEqual(6);
	const right = await visitor.post('/login', {
		form: { email, password: 'burst-right-pass' },
		maxRedirects: 0
	});
	expect(right.status()).toBe(429);
	expect(await right.text()).toMatch(/秒后再试|seconds/);
	await visitor.dispose();
});

test('security headers are on redirects, error pages and static files too', async ({ baseURL }) => {
	const visitor = await newClient(baseURL);
	const responses = {
		redirect: await visitor.get('/accounts', { maxRedirects: 0 }),
		'static file': await visitor.get('/favicon.svg'),
		'not found': await visitor.get('/no-such-page'),
		'sign-in page': await visitor.get('/login')
	};
	expect(responses.redirect.status()).toBe(303);
	expect(responses['static file'].status()).toBe(200);
	for (const [kind, response] of Object.entries(responses)) {
		const headers = response.headers();
		expect(headers['x-content-type-options'], kind).toBe('nosniff');
		expect(headers['x-frame-options'], kind).toBe('DENY');
		expect(headers['referrer-policy'], kind).toBe('same-origin');
	}
	await visitor.dispose();
});

test('staff pages and their data are never stored by a cache', async ({ baseURL }) => {
	const viewer = await signedIn(baseURL, VIEWER.email, VIEWER.password);
	for (const path of ['/', '/accounts', '/contacts/__data.json', '/contacts/export']) {
		const response = await viewer.get(path, { maxRedirects: 0 });
		expect(response.status(), path).toBe(200);
		expect(response.headers()['cache-control'], path).toContain('no-store');
	}
	await viewer.dispose();
});

test('an encoded path does not get around the admin check', async ({ baseURL }) => {
	const viewer = await signedIn(baseURL, VIEWER.email, VIEWER.password);
	for (const path of ['/%61dmin/users', '/%61dmin/users/__data.json', '/admin%2Fusers']) {
		const response = await viewer.get(path, { maxRedirects: 0 });
		expect(response.status(), path).toBe(403);
	}
	await viewer.dispose();
});

function multipart(boundary: string, fileBytes: Buffer, close = true): Buffer {
	const head = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="people.csv"\r\n` +
			'Content-Type: text/csv\r\n\r\n'
	);
	const tail = Buffer.from(close ? `\r\n--${boundary}--\r\n` : '');
	return Buffer.concat([head, fileBytes, tail]);
}

async function postRaw(client: APIRequestContext, path: string, boundary: string, body: Buffer) {
	return client.fetch(path, {
		method: 'POST',
		headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
		data: body,
		maxRedirects: 0
	});
}

test('a truncated upload gets a clear 400, not a server error', async ({ baseURL }) => {
	const admin = await newClient(baseURL, test.info().project.use.storageState as string);
	const boundary = 'gala-e2e-boundary';
	const cut = multipart(boundary, Buffer.from('姓名,邮箱\n王伟,wang@example.com\n'), false);
	for (const path of ['/contacts/import?/preview', '/accounts/import?/preview']) {
		const response = await postRaw(admin, path, boundary, cut);
		expect(response.status(), path).toBe(400);
		const text = await response.text();
		expect(text, path).not.toContain('出错了');
		expect(text, path).toMatch(/请求内容不完整|incomplete/);
	}
	await admin.dispose();
});

test('a body over BODY_SIZE_LIMIT says the limit and how to raise it', async ({ baseURL }) => {
	const admin = await newClient(baseURL, test.info().project.use.storageState as string);
	const boundary = 'gala-e2e-boundary';
	const big = multipart(boundary, Buffer.alloc(700 * 1024, 'a'));
	const response = await postRaw(admin, '/contacts/import?/preview', boundary, big);
	expect(response.status()).toBe(413);
	const text = await response.text();
	expect(text).toContain('BODY_SIZE_LIMIT');
	expect(text).toMatch(/512\s*KB/);
	await admin.dispose();
});

test('an account owner that does not exist is refused with a message, not a 500', async ({
	baseURL
}) => {
	const admin = await newClient(baseURL, test.info().project.use.storageState as string);
	const response = await admin.post('/accounts/new', {
		form: { name: '不存在的经理公司', channel: 'distributor', owner_user_id: '987654' },
		maxRedirects: 0
	});
	expect(response.status()).toBe(400);
	expect(await response.text()).toMatch(/负责人不存在|owner does not exist/i);
	await admin.dispose();
});

test('text that would break outputs, and a time the clocks skip, are refused with a message', async ({
	baseURL
}) => {
	const admin = await newClient(baseURL, test.info().project.use.storageState as string);
	const account = await admin.post('/accounts/new', {
		form: { name: '华东\u202e商贸', channel: 'distributor' },
		maxRedirects: 0
	});
	expect(account.status()).toBe(400);
	expect(await account.text()).toContain('控制字符');

	const gathering = await admin.post('/gatherings/new?/save', {
		form: {
			title_zh: '纽约答谢会',
			time_zone: 'America/New_York',
			starts_local: '2026-03-08T02:30',
			ends_local: '2026-03-08T04:00'
		},
		maxRedirects: 0
	});
	expect(gathering.status()).toBe(400);
	expect(await gathering.text()).toContain('夏令时');
	await admin.dispose();
});
