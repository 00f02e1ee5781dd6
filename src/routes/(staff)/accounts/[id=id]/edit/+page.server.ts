import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { setFlash } from '$lib/server/flash';
import { formToObject, parseForm } from '$lib/server/forms';
import { accountFormFailure } from '$lib/server/accounts/form';
import { loadAccountForm } from '$lib/server/accounts/queries';
import { accountInputSchema, updateAccount } from '$lib/server/accounts/service';
import type { Actions, PageServerLoad } from './$types';

function accountId(raw: string): number {
	const id = Number(raw);
	if (!Number.isInteger(id) || id <= 0) {
		error(404, m.accounts_error_not_found());
	}
	return id;
}

export const load = (async ({ params }) => {
	const form = await loadAccountForm(getDb(), accountId(params.id));
	if (!form) {
		error(404, m.accounts_error_not_found());
	}
	return form;
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals, cookies, params }) => {
		const id = accountId(params.id);
		const form = await request.formData();
		const parsed = parseForm(accountInputSchema, form);
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			await updateAccount(getDb(), id, parsed.data, locals.user?.id ?? null);
		} catch (err) {
			return accountFormFailure(err, formToObject(form));
		}
		setFlash(cookies, { type: 'success', message: m.accounts_saved() });
		redirect(303, `/accounts/${id}`);
	}
} satisfies Actions;
