import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { setFlash } from '$lib/server/flash';
import { formToObject, parseForm } from '$lib/server/forms';
import { contactFormFailure, contactIdParam } from '$lib/server/contacts/form';
import { loadContactForm } from '$lib/server/contacts/queries';
import {
	CONTACT_FORM_ARRAYS,
	contactFormSchema,
	updateContact
} from '$lib/server/contacts/service';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	const form = await loadContactForm(getDb(), contactIdParam(params.id));
	if (!form) {
		error(404, m.contacts_error_not_found());
	}
	return {
		...form,
		timeZones: Intl.supportedValuesOf('timeZone')
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals, cookies, params }) => {
		const id = contactIdParam(params.id);
		const form = await request.formData();
		const parsed = parseForm(contactFormSchema, form, { arrays: CONTACT_FORM_ARRAYS });
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			await updateContact(getDb(), id, parsed.data, locals.user?.id ?? null);
		} catch (err) {
			return contactFormFailure(err, formToObject(form, CONTACT_FORM_ARRAYS));
		}
		setFlash(cookies, { type: 'success', message: m.contacts_saved() });
		redirect(303, `/contacts/${id}`);
	}
} satisfies Actions;
