import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import {
	createSession,
	generateSessionToken,
	setSessionTokenCookie
} from '$lib/server/auth/session';
import { countUsers } from '$lib/server/users/repository';
import { newUserSchema } from '$lib/server/users/service';
import { settingsSchema } from '$lib/server/settings/service';
import { completeSetup, uploadedBytes } from '$lib/server/settings/setup';
import { failFromDomain, parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const setupSchema = newUserSchema.omit({ role: true });

export const load = (async () => {
	if ((await countUsers(getDb())) > 0) {
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
		const db = getDb();
		const { name, email, password, ...company } = parsed.data;
		let userId: number;
		try {
			const logo = await uploadedBytes(form.get('logo'));
			userId = await completeSetup(db, { name, email, password }, company, logo);
		} catch (err) {
			const { password: _secret, ...values } = parsed.data;
			void _secret;
			return failFromDomain(err, values);
		}
		if (form.get('demo') === 'on') {
			const { loadDemoData } = await import('$lib/server/demo/seed');
			await loadDemoData(db, { ownerUserId: userId });
		}
		const token = generateSessionToken();
		const session = await createSession(db, token, userId);
		setSessionTokenCookie(cookies, token, session.expiresAt);
		redirect(303, '/');
	}
} satisfies Actions;
