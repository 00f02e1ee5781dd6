import type { Cookies } from '@sveltejs/kit';
import { cookieName } from '$lib/paraglide/runtime';
import { config } from '../config';

/**
 * Every cookie Gala sets follows the same rule as the session's: `Secure` exactly when Gala is
 * served over https (ORIGIN, or SECURE_COOKIES), instead of Kit's guess from the request's host,
 * which is wrong both for a plain-http LAN address and behind a TLS-terminating proxy.
 */
export function cookieOptions(extra: { httpOnly: boolean; maxAge?: number; expires?: Date }) {
	return { path: '/', sameSite: 'lax' as const, secure: config.secureCookies, ...extra };
}

/** The interface language, readable by Paraglide's client runtime (hence not httpOnly). */
export function setLocaleCookie(cookies: Cookies, locale: string): void {
	cookies.set(cookieName, locale, cookieOptions({ httpOnly: false, maxAge: 60 * 60 * 24 * 400 }));
}
