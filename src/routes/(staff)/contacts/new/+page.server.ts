import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { setFlash } from '$lib/server/flash';
import { formToObject, parseForm } from '$lib/server/forms';
import { contactFormFailure } from '$lib/server/contacts/form';
import { listAccountChoices } from '$lib/server/contacts/queries';
import {
	CONTACT_FORM_ARRAYS,
	contactFormSchema,
	createContact
} from '$lib/server/contacts/service';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const accounts = await listAccountChoices(getDb());
	// Coming from an account page, that account is chosen already.
	const preset = Number(url.searchParams.get('account'));
	const account = accounts.find((a) => a.id === preset);
	return {
		accounts,
		timeZones: Intl.supportedValuesOf('timeZone'),
		defaults: {
			account_id: account ? String(account.id) : '',
			locale: 'zh-CN',
			time_zone: 'Asia/Shanghai'
		},
		fromAccount: account ?? null
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals, cookies }) => {
		const form = await request.formData();
		const parsed = parseForm(contactFormSchema, form, { arrays: CONTACT_FORM_ARRAYS });
		if (!parsed.ok) {
			return parsed.failure;
		}
		let id: number;
		try {
			id = await createContact(getDb(), parsed.data, locals.user?.id ?? null);
		} catch (err) {
			return contactFormFailure(err, formToObject(form, CONTACT_FORM_ARRAYS));
		}
		setFlash(cookies, {
			type: 'success',
			message: m.contacts_created({ name: parsed.data.name })
		});
		redirect(303, `/contacts/${id}`);
	}
} satisfies Actions;
