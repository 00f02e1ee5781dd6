import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { setFlash } from '$lib/server/flash';
import { failFromDomain, formToObject, parseForm } from '$lib/server/forms';
import {
	deleteStaffMember,
	loadStaffMemberForm,
	staffMemberSchema,
	updateStaffMember
} from '$lib/server/host/service';
import type { Actions, PageServerLoad } from './$types';

function memberId(raw: string): number {
	const id = Number(raw);
	if (!Number.isInteger(id) || id <= 0) {
		error(404, m.host_error_not_found());
	}
	return id;
}

export const load = (async ({ params }) => {
	const form = await loadStaffMemberForm(getDb(), memberId(params.id));
	if (!form) {
		error(404, m.host_error_not_found());
	}
	return form;
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ request, locals, cookies, params }) => {
		const id = memberId(params.id);
		const form = await request.formData();
		const parsed = parseForm(staffMemberSchema, form);
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			await updateStaffMember(getDb(), id, parsed.data, locals.user?.id ?? null);
		} catch (err) {
			return failFromDomain(err, formToObject(form));
		}
		setFlash(cookies, { type: 'success', message: m.host_saved() });
		redirect(303, '/host');
	},
	delete: async ({ locals, cookies, params }) => {
		const id = memberId(params.id);
		let name: string;
		try {
			name = await deleteStaffMember(getDb(), id, locals.user?.id ?? null);
		} catch (err) {
			return failFromDomain(err);
		}
		setFlash(cookies, { type: 'success', message: m.host_deleted({ name }) });
		redirect(303, '/host');
	}
} satisfies Actions;
