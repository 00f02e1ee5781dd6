import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { setSessionTokenCookie } from '$lib/server/auth/session';
import { needsSetup } from '$lib/server/auth/sign-in';
import { newUserSchema } from '$lib/server/users/service';
import { settingsSchema } from '$lib/server/settings/service';
import { completeSetup, uploadedBytes } from '$lib/server/settings/setup';
import { failFromDomain, parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const setupSchema = newUserSchema.omit({ role: true });

export const load = (async () => {
	if (!(await needsSetup(getDb()))) {
		redirect(303, '/login');
	}
	return {};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, cookies }) => {
		const form = await request.formData();
		const parsed = parseForm(setupSchema.extend(settingsSchema.shape), form, {
			secret: ['password']
		});
		if (!parsed.ok) {
			return parsed.failure;
		}
		const { name, email, password, ...company } = parsed.data;
		let started: Awaited<ReturnType<typeof completeSetup>>;
		try {
			const logo = await uploadedBytes(form.get('logo'));
			started = await completeSetup(getDb(), { name, email, password }, company, {
				logo,
				demo: form.get('demo') === 'on'
			});
		} catch (err) {
			const { password: _secret, ...values } = parsed.data;
			void _secret;
			return failFromDomain(err, values);
		}
		setSessionTokenCookie(cookies, started.token, started.session.expiresAt);
		redirect(303, '/');
	}
} satisfies Actions;
