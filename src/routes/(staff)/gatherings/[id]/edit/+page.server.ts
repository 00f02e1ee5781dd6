import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { setFlash } from '$lib/server/flash';
import { failFromDomain, formToObject, parseForm } from '$lib/server/forms';
import { loadScheduleCheck } from '$lib/server/gatherings/dashboard';
import { gatheringFormValues, probeSchedule } from '$lib/server/gatherings/form';
import { gatheringInputSchema } from '$lib/server/gatherings/schema';
import { requireGatheringRow, updateGathering } from '$lib/server/gatherings/service';
import type { Actions, PageServerLoad } from './$types';

function gatheringId(raw: string): number {
	const id = Number(raw);
	if (!Number.isInteger(id) || id <= 0) {
		error(404, m.error_not_found());
	}
	return id;
}

export const load = (async ({ params }) => {
	const db = getDb();
	const gathering = await requireGatheringRow(db, gatheringId(params.id)).catch((err) => {
		if (err instanceof NotFoundError) {
			error(404, m.error_not_found());
		}
		throw err;
	});
	return {
		gathering: { id: gathering.id, title_zh: gathering.title_zh, title_en: gathering.title_en },
		values: gatheringFormValues(gathering),
		check: await loadScheduleCheck(db, gathering.id, gathering)
	};
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ params, request, locals, cookies }) => {
		const form = await request.formData();
		const parsed = parseForm(gatheringInputSchema, form);
		if (!parsed.ok) {
			return parsed.failure;
		}
		const id = gatheringId(params.id);
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
		return { values, check: await probeSchedule(getDb(), gatheringId(params.id), values) };
	}
} satisfies Actions;
