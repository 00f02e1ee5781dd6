import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { failFromDomain, formToObject, parseForm } from '$lib/server/forms';
import {
	itemSchema,
	loadAgenda,
	removeItem,
	saveItem,
	useStandardProgramme
} from '$lib/server/program/agenda';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	return { agenda: await loadAgenda(getDb(), Number(params.id)) };
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ params, request, locals }) => {
		const gatheringId = Number(params.id);
		const form = await request.formData();
		const parsed = parseForm(itemSchema, form, { arrays: ['speakers'] });
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			await saveItem(getDb(), gatheringId, parsed.data, locals.user?.id ?? null);
		} catch (err) {
			return failFromDomain(err, formToObject(form, ['speakers']));
		}
		return { done: m.program_item_saved() };
	},
	delete: async ({ params, request, locals }) => {
		const gatheringId = Number(params.id);
		const parsed = parseForm(
			z.object({ id: z.coerce.number().int().positive('error_choice') }),
			await request.formData()
		);
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			await removeItem(getDb(), gatheringId, parsed.data.id, locals.user?.id ?? null);
		} catch (err) {
			return failFromDomain(err);
		}
		return { done: m.program_item_deleted() };
	},
	standard: async ({ params, locals }) => {
		const gatheringId = Number(params.id);
		try {
			await useStandardProgramme(getDb(), gatheringId, locals.user?.id ?? null);
		} catch (err) {
			return failFromDomain(err);
		}
		return { done: m.program_standard_done() };
	}
} satisfies Actions;
