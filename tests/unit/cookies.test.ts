import { afterEach, describe, expect, it } from 'vitest';
import type { Cookies } from '@sveltejs/kit';
import { setLocaleCookie } from '$lib/server/http/cookies';
import { setFlash } from '$lib/server/flash';
import { setSessionTokenCookie } from '$lib/server/auth/session';

type Options = Parameters<Cookies['set']>[2];

/** Records what Gala asks SvelteKit to set; Kit's own default for `secure` is what we must not rely on. */
function recordingCookies() {
	const set = new Map<string, Options>();
	const cookies = {
		set: (name: string, _value: string, options: Options) => void set.set(name, options),
		get: () => undefined,
		getAll: () => [],
		delete: () => undefined,
		serialize: () => ''
	} as unknown as Cookies;
	return { cookies, set };
}

function setEveryCookie() {
	const { cookies, set } = recordingCookies();
	setLocaleCookie(cookies, 'en');
	setFlash(cookies, { type: 'success', message: 'ok' });
	setSessionTokenCookie(cookies, 'token', new Date(Date.now() + 60_000));
	return set;
}

describe('every cookie Gala sets says Secure exactly when Gala is served over https', () => {
	const saved = { ...process.env };
	afterEach(() => {
		process.env = { ...saved };
	});

	it('is Secure behind an https ORIGIN (a TLS proxy: the request itself looks like http)', () => {
		delete process.env.SECURE_COOKIES;
		process.env.ORIGIN = 'https://gala.example.com';
		const set = setEveryCookie();
		expect(set.size).toBe(3);
		for (const [name, options] of set) {
			expect({ name, secure: options.secure, path: options.path }).toEqual({
				name,
				secure: true,
				path: '/'
			});
		}
	});

	it('is not Secure on a plain-http address, where a Secure cookie would never come back', () => {
		delete process.env.SECURE_COOKIES;
		process.env.ORIGIN = 'http://192.168.1.20:3000';
		for (const [name, options] of setEveryCookie()) {
			expect({ name, secure: options.secure }).toEqual({ name, secure: false });
		}
	});
});
