import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { setFlash } from '$lib/server/flash';
import { failFromDomain, formToObject, parseForm } from '$lib/server/forms';
import {
	createStaffMember,
	loadNewStaffMemberForm,
	staffMemberSchema
} from '$lib/server/host/service';
import type { Actions, PageServerLoad } from './$types';

export const load = (async () => {
	return loadNewStaffMemberForm(getDb());
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ request, locals, cookies }) => {
		const form = await request.formData();
		const parsed = parseForm(staffMemberSchema, form);
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			await createStaffMember(getDb(), parsed.data, locals.user?.id ?? null);
		} catch (err) {
			return failFromDomain(err, formToObject(form));
		}
		setFlash(cookies, { type: 'success', message: m.host_created({ name: parsed.data.name }) });
		redirect(303, '/host');
	}
} satisfies Actions;
