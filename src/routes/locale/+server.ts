import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/paraglide/runtime';
import { setLocaleCookie } from '$lib/server/http/cookies';
import { getDb } from '$lib/server/db';
import { setUserLocale } from '$lib/server/users/service';
import type { RequestHandler } from './$types';

/** Switches the interface language; remembered in a cookie and on the signed-in user. */
export const POST: RequestHandler = async ({ request, cookies, locals, url }) => {
	const form = await request.formData();
	const locale = String(form.get('locale') ?? '');
	const back = String(form.get('redirect') ?? '/');
	if (isLocale(locale)) {
		setLocaleCookie(cookies, locale);
		if (locals.user) {
			await setUserLocale(getDb(), locals.user.id, locale);
		}
	}
	const safeBack = back.startsWith('/') && !back.startsWith('//') ? back : '/';
	redirect(303, new URL(safeBack, url).pathname + new URL(safeBack, url).search);
};
