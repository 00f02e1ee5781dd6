import { cookieOptions } from './http/cookies';
import type { Cookies } from '@sveltejs/kit';

export interface Flash {
	type: 'success' | 'error' | 'info';
	message: string;
}

const COOKIE = 'gala_flash';

/** A one-time message shown on the next page (after an action's redirect). */
export function setFlash(cookies: Cookies, flash: Flash): void {
	cookies.set(COOKIE, JSON.stringify(flash), cookieOptions({ httpOnly: true, maxAge: 60 }));
}

export function takeFlash(cookies: Cookies): Flash | null {
	const raw = cookies.get(COOKIE);
	if (!raw) {
		return null;
	}
	cookies.delete(COOKIE, cookieOptions({ httpOnly: true }));
	try {
		const flash = JSON.parse(raw) as Flash;
		return typeof flash.message === 'string' ? flash : null;
	} catch {
		return null;
	}
}
