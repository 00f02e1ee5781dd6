import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { setFlash } from '$lib/server/flash';
import { failFromDomain } from '$lib/server/forms';
import { contactIdParam } from '$lib/server/contacts/form';
import { loadContactPage } from '$lib/server/contacts/queries';
import { deleteContact } from '$lib/server/contacts/service';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	const page = await loadContactPage(getDb(), contactIdParam(params.id));
	if (!page) {
		error(404, m.contacts_error_not_found());
	}
	return page;
}) satisfies PageServerLoad;

export const actions = {
	delete: async ({ params, locals, cookies }) => {
		let deleted: { name: string; accountId: number };
		try {
			deleted = await deleteContact(getDb(), contactIdParam(params.id), locals.user?.id ?? null);
		} catch (err) {
			return failFromDomain(err);
		}
		setFlash(cookies, { type: 'success', message: m.contacts_deleted({ name: deleted.name }) });
		redirect(303, `/accounts/${deleted.accountId}`);
	}
} satisfies Actions;
