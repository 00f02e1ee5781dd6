import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { isLocale } from '$lib/paraglide/runtime';
import { setLocaleCookie } from '$lib/server/http/cookies';
import { getDb } from '$lib/server/db';
import { setSessionTokenCookie } from '$lib/server/auth/session';
import { safeNextPath } from '$lib/server/auth/redirect';
import { needsSetup, signInAndStartSession } from '$lib/server/auth/sign-in';
import { failFromDomain, parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const signInSchema = z.object({
	email: z.string().trim().min(1, 'error_required').max(200, 'error_too_long'),
	password: z.string().min(1, 'error_required').max(200, 'error_too_long'),
	next: z.string().optional()
});

export const load = (async ({ locals, url }) => {
	if (locals.user) {
		redirect(303, safeNextPath(url.searchParams.get('next')));
	}
	if (await needsSetup(getDb())) {
		redirect(303, '/setup');
	}
	return { next: url.searchParams.get('next') ?? '' };
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const parsed = parseForm(signInSchema, await event.request.formData(), {
			secret: ['password']
		});
		if (!parsed.ok) {
			return parsed.failure;
		}
		const { email, password, next } = parsed.data;
		try {
			const { user, token, session } = await signInAndStartSession(
				getDb(),
				email,
				password,
				event.getClientAddress()
			);
			setSessionTokenCookie(event.cookies, token, session.expiresAt);
			if (user.locale && isLocale(user.locale)) {
				// The language this user chose before follows them to a new device.
				setLocaleCookie(event.cookies, user.locale);
			}
		} catch (err) {
			return failFromDomain(err, { email });
		}
		redirect(303, safeNextPath(next));
	}
} satisfies Actions;
