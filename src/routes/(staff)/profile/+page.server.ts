import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { setFlash } from '$lib/server/flash';
import { failFromDomain, parseForm, type FormFailure } from '$lib/server/forms';
import { changeOwnPassword, passwordSchema } from '$lib/server/users/service';
import { createFeedToken, feedUrl, hasFeedToken } from '$lib/server/calendar/feed';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) => ({
	hasFeed: locals.user ? await hasFeedToken(getDb(), locals.user.id) : false
})) satisfies PageServerLoad;

const changePasswordSchema = z
	.object({
		current: z.string().min(1, 'error_required'),
		next: passwordSchema,
		confirm: z.string()
	})
	.refine((v) => v.next === v.confirm, { message: 'error_password_mismatch', path: ['confirm'] });

export const actions = {
	/** A new private calendar feed link; shown once (only its hash is kept), the old one ends. */
	feed: async ({ locals }) => {
		if (!locals.user) {
			const failure: FormFailure = { values: {}, errors: {}, message: m.error_forbidden() };
			return fail(401, failure);
		}
		return { feedUrl: feedUrl(await createFeedToken(getDb(), locals.user.id)) };
	},
	password: async ({ request, locals, cookies }) => {
		const parsed = parseForm(changePasswordSchema, await request.formData(), {
			secret: ['current', 'next', 'confirm']
		});
		if (!parsed.ok) {
			return parsed.failure;
		}
		if (!locals.user) {
			const failure: FormFailure = { values: {}, errors: {}, message: m.error_forbidden() };
			return fail(401, failure);
		}
		try {
			await changeOwnPassword(
				getDb(),
				locals.user.id,
				parsed.data.current,
				parsed.data.next,
				locals.session?.id ?? null
			);
		} catch (err) {
			return failFromDomain(err);
		}
		setFlash(cookies, { type: 'success', message: m.profile_password_changed() });
		redirect(303, '/profile');
	}
} satisfies Actions;
