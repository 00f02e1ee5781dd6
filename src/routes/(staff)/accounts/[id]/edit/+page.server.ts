import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { setFlash } from '$lib/server/flash';
import { formToObject, parseForm } from '$lib/server/forms';
import { accountFormFailure, accountFormValues } from '$lib/server/accounts/form';
import { findAccountById, listTags } from '$lib/server/accounts/repository';
import { accountInputSchema, updateAccount } from '$lib/server/accounts/service';
import { listActiveUsers } from '$lib/server/users/repository';
import type { Actions, PageServerLoad } from './$types';

function accountId(raw: string): number {
	const id = Number(raw);
	if (!Number.isInteger(id) || id <= 0) {
		error(404, m.accounts_error_not_found());
	}
	return id;
}

export const load = (async ({ params }) => {
	const db = getDb();
	const account = await findAccountById(db, accountId(params.id));
	if (!account) {
		error(404, m.accounts_error_not_found());
	}
	return {
		account: { id: account.id, name: account.name },
		values: accountFormValues(account, await listTags(db, account.id)),
		owners: await listActiveUsers(db)
	};
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
