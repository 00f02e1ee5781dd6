import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import {
	createSession,
	generateSessionToken,
	setSessionTokenCookie
} from '$lib/server/auth/session';
import { countUsers } from '$lib/server/users/repository';
import { createFirstAdmin, newUserSchema } from '$lib/server/users/service';
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
		const parsed = parseForm(setupSchema, form, { secret: ['password'] });
		if (!parsed.ok) {
			return parsed.failure;
		}
		const db = getDb();
		let userId: number;
		try {
			userId = await createFirstAdmin(db, parsed.data);
		} catch (err) {
			return failFromDomain(err, { email: parsed.data.email, name: parsed.data.name });
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
