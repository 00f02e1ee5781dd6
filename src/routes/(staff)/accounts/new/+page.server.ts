import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { setFlash } from '$lib/server/flash';
import { formToObject, parseForm } from '$lib/server/forms';
import { accountFormFailure } from '$lib/server/accounts/form';
import { accountInputSchema, createAccount } from '$lib/server/accounts/service';
import { loadNewAccountForm } from '$lib/server/accounts/queries';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	return {
		...(await loadNewAccountForm(getDb())),
		defaults: { owner_user_id: locals.user ? String(locals.user.id) : '', currency: 'CNY' }
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals, cookies }) => {
		const form = await request.formData();
		const parsed = parseForm(accountInputSchema, form);
		if (!parsed.ok) {
			return parsed.failure;
		}
		let id: number;
		try {
			id = await createAccount(getDb(), parsed.data, locals.user?.id ?? null);
		} catch (err) {
			return accountFormFailure(err, formToObject(form));
		}
		setFlash(cookies, {
			type: 'success',
			message: m.accounts_created({ name: parsed.data.name })
		});
		redirect(303, `/accounts/${id}`);
	}
} satisfies Actions;
