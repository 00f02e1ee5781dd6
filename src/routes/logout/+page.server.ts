import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { deleteSessionTokenCookie, invalidateSession } from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

export const load = (() => redirect(303, '/')) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, cookies }) => {
		if (locals.session) {
			await invalidateSession(getDb(), locals.session.id);
		}
		deleteSessionTokenCookie(cookies);
		redirect(303, '/login');
	}
} satisfies Actions;
