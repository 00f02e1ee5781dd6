import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { setFlash } from '$lib/server/flash';
import { failFromDomain } from '$lib/server/forms';
import { loadAccountPage } from '$lib/server/accounts/queries';
import { deleteAccount, markReviewed } from '$lib/server/accounts/service';
import type { Actions, PageServerLoad } from './$types';

function accountId(raw: string): number {
	const id = Number(raw);
	if (!Number.isInteger(id) || id <= 0) {
		error(404, m.accounts_error_not_found());
	}
	return id;
}

export const load = (async ({ params }) => {
	const page = await loadAccountPage(getDb(), accountId(params.id));
	if (!page) {
		error(404, m.accounts_error_not_found());
	}
	return page;
}) satisfies PageServerLoad;

export const actions = {
	reviewed: async ({ params, locals, cookies }) => {
		const id = accountId(params.id);
		try {
			await markReviewed(getDb(), id, locals.user?.id ?? null);
		} catch (err) {
			return failFromDomain(err);
		}
		setFlash(cookies, { type: 'success', message: m.accounts_reviewed_done() });
		redirect(303, `/accounts/${id}`);
	},
	delete: async ({ params, locals, cookies, request }) => {
		const id = accountId(params.id);
		const form = await request.formData();
		const withContacts = form.get('with_contacts') === 'on';
		let name: string;
		try {
			name = await deleteAccount(getDb(), id, locals.user?.id ?? null, { withContacts });
		} catch (err) {
			return failFromDomain(err);
		}
		setFlash(cookies, { type: 'success', message: m.accounts_deleted({ name }) });
		redirect(303, '/accounts');
	}
} satisfies Actions;
