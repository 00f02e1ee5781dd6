import { m } from '$lib/paraglide/messages';
import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { setFlash } from '$lib/server/flash';
import { failFromDomain, formToObject, parseForm } from '$lib/server/forms';
import { loadScheduleCheck } from '$lib/server/gatherings/dashboard';
import { gatheringFormValues, probeSchedule } from '$lib/server/gatherings/form';
import { gatheringInputSchema } from '$lib/server/gatherings/schema';
import { updateGathering } from '$lib/server/gatherings/service';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ parent }) => {
	const { gathering } = await parent();
	return {
		gathering: { id: gathering.id, title_zh: gathering.title_zh, title_en: gathering.title_en },
		values: gatheringFormValues(gathering),
		check: await loadScheduleCheck(getDb(), gathering.id, gathering)
	};
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ params, request, locals, cookies }) => {
		const form = await request.formData();
		const parsed = parseForm(gatheringInputSchema, form);
		if (!parsed.ok) {
			return parsed.failure;
		}
		const id = Number(params.id);
		let result;
		try {
			result = await updateGathering(getDb(), id, parsed.data, locals.user?.id ?? null);
		} catch (err) {
			return failFromDomain(err, formToObject(form));
		}
		setFlash(cookies, { type: 'success', message: m.gatherings_saved() });
		// Accepted guests of an open gathering hold calendar entries that are now out of date.
		redirect(303, result.offerUpdate ? `/gatherings/${id}?changed=schedule` : `/gatherings/${id}`);
	},
	/** Re-runs the scheduling check for the typed time; saves nothing. */
	check: async ({ params, request }) => {
		const values = formToObject(await request.formData());
		return { values, check: await probeSchedule(getDb(), Number(params.id), values) };
	}
} satisfies Actions;
