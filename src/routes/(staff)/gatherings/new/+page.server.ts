import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { setFlash } from '$lib/server/flash';
import { failFromDomain, formToObject, parseForm } from '$lib/server/forms';
import { probeSchedule } from '$lib/server/gatherings/form';
import { gatheringInputSchema } from '$lib/server/gatherings/schema';
import { createGathering } from '$lib/server/gatherings/service';
import { getSettings } from '$lib/server/settings/service';
import type { Actions, PageServerLoad } from './$types';

export const load = (async () => {
	const settings = await getSettings(getDb());
	return { defaults: { time_zone: settings.default_time_zone, companions_allowed: '1' } };
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ request, locals, cookies }) => {
		const form = await request.formData();
		const parsed = parseForm(gatheringInputSchema, form);
		if (!parsed.ok) {
			return parsed.failure;
		}
		let id: number;
		try {
			id = await createGathering(getDb(), parsed.data, locals.user?.id ?? null);
		} catch (err) {
			return failFromDomain(err, formToObject(form));
		}
		setFlash(cookies, {
			type: 'success',
			message: m.gatherings_created({ title: parsed.data.title_zh })
		});
		redirect(303, `/gatherings/${id}`);
	},
	/** Re-runs the scheduling check for the typed time; saves nothing. */
	check: async ({ request }) => {
		const values = formToObject(await request.formData());
		return { values, check: await probeSchedule(getDb(), null, values) };
	}
} satisfies Actions;
