import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { failFromDomain, formToObject, parseForm } from '$lib/server/forms';
import { createCampaign } from '$lib/server/greetings/campaigns';
import { campaignSchema } from '$lib/server/greetings/campaign-form';
import { loadNewCampaign } from '$lib/server/greetings/pages';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const contact = Number(url.searchParams.get('contact')) || null;
	return loadNewCampaign(getDb(), url.searchParams.get('occasion') ?? 'other', contact);
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals }) => {
		const form = await request.formData();
		const parsed = parseForm(campaignSchema, form);
		if (!parsed.ok) {
			return parsed.failure;
		}
		const contact = Number(form.get('contact')) || undefined;
		let id: number;
		try {
			// A greeting for one person's date goes to that person only; a festival to key accounts.
			id = await createCampaign(
				getDb(),
				parsed.data,
				contact ? { manualOnly: true } : { tier: 'key' },
				locals.user?.id ?? null,
				contact
			);
		} catch (err) {
			return failFromDomain(err, formToObject(form));
		}
		redirect(303, `/campaigns/${id}`);
	}
} satisfies Actions;
