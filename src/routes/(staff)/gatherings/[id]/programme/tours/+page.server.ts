import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { failFromDomain, formToObject, parseForm } from '$lib/server/forms';
import { gatheringIdParam } from '$lib/server/badges/gathering';
import {
	autoAssignTours,
	groupSchema,
	loadTours,
	moveToGroup,
	removeGroup,
	saveGroup,
	staggerGroups,
	unpinMember
} from '$lib/server/program/tours';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	return { tours: await loadTours(getDb(), gatheringIdParam(params.id)) };
}) satisfies PageServerLoad;

const idSchema = z.object({ id: z.coerce.number().int().positive('error_choice') });
const moveSchema = z.object({
	person: z.string().regex(/^i\d+(c\d+)?$/, 'error_choice'),
	group: z.coerce.number().int().nonnegative().catch(0)
});

export const actions = {
	saveGroup: async ({ params, request, locals }) => {
		const gatheringId = gatheringIdParam(params.id);
		const form = await request.formData();
		const parsed = parseForm(groupSchema, form);
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			await saveGroup(getDb(), gatheringId, parsed.data, locals.user?.id ?? null);
		} catch (err) {
			return failFromDomain(err, formToObject(form));
		}
		return { done: m.program_tours_group_saved() };
	},
	deleteGroup: async ({ params, request }) => {
		const gatheringId = gatheringIdParam(params.id);
		const parsed = parseForm(idSchema, await request.formData());
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			await removeGroup(getDb(), gatheringId, parsed.data.id);
		} catch (err) {
			return failFromDomain(err);
		}
		return { done: m.program_tours_group_deleted() };
	},
	assign: async ({ params, locals }) => {
		const gatheringId = gatheringIdParam(params.id);
		try {
			const s = await autoAssignTours(getDb(), gatheringId, locals.user?.id ?? null);
			return { done: m.program_tours_assigned({ ...s }) };
		} catch (err) {
			return failFromDomain(err);
		}
	},
	stagger: async ({ params, request }) => {
		const gatheringId = gatheringIdParam(params.id);
		const parsed = parseForm(idSchema, await request.formData());
		if (!parsed.ok) {
			return parsed.failure;
		}
		await staggerGroups(getDb(), gatheringId, parsed.data.id);
		return { done: m.program_tours_staggered() };
	},
	move: async ({ params, request }) => {
		const gatheringId = gatheringIdParam(params.id);
		const parsed = parseForm(moveSchema, await request.formData());
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			await moveToGroup(getDb(), gatheringId, parsed.data.person, parsed.data.group || null);
		} catch (err) {
			return failFromDomain(err);
		}
		return { done: m.program_item_saved() };
	},
	unpin: async ({ params, request }) => {
		const gatheringId = gatheringIdParam(params.id);
		const parsed = parseForm(moveSchema.pick({ person: true }), await request.formData());
		if (!parsed.ok) {
			return parsed.failure;
		}
		await unpinMember(getDb(), gatheringId, parsed.data.person);
		return { done: m.program_item_saved() };
	}
} satisfies Actions;
