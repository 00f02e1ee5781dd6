import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { failFromDomain, formToObject, parseForm } from '$lib/server/forms';
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

/** `?item=` picks the tour item (morning, afternoon…); without it, the first. */
export const load = (async ({ params, url }) => {
	const item = Number(url.searchParams.get('item'));
	return {
		tours: await loadTours(
			getDb(),
			Number(params.id),
			Number.isInteger(item) && item > 0 ? item : null
		)
	};
}) satisfies PageServerLoad;

const idSchema = z.object({ id: z.coerce.number().int().positive('error_choice') });
const itemSchema = z.object({ item: z.coerce.number().int().positive('error_choice') });
const personSchema = itemSchema.extend({
	person: z.string().regex(/^i\d+(c\d+)?$/, 'error_choice')
});
const moveSchema = personSchema.extend({
	group: z.coerce.number().int().nonnegative().catch(0)
});

export const actions = {
	saveGroup: async ({ params, request, locals }) => {
		const gatheringId = Number(params.id);
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
		const gatheringId = Number(params.id);
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
	assign: async ({ params, request, locals }) => {
		const gatheringId = Number(params.id);
		const parsed = parseForm(itemSchema, await request.formData());
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			const s = await autoAssignTours(
				getDb(),
				gatheringId,
				parsed.data.item,
				locals.user?.id ?? null
			);
			return { done: m.program_tours_assigned({ ...s }) };
		} catch (err) {
			return failFromDomain(err);
		}
	},
	stagger: async ({ params, request }) => {
		const gatheringId = Number(params.id);
		const parsed = parseForm(idSchema, await request.formData());
		if (!parsed.ok) {
			return parsed.failure;
		}
		await staggerGroups(getDb(), gatheringId, parsed.data.id);
		return { done: m.program_tours_staggered() };
	},
	move: async ({ params, request }) => {
		const gatheringId = Number(params.id);
		const parsed = parseForm(moveSchema, await request.formData());
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			const { item, person, group } = parsed.data;
			await moveToGroup(getDb(), gatheringId, item, person, group || null);
		} catch (err) {
			return failFromDomain(err);
		}
		return { done: m.program_item_saved() };
	},
	unpin: async ({ params, request }) => {
		const gatheringId = Number(params.id);
		const parsed = parseForm(personSchema, await request.formData());
		if (!parsed.ok) {
			return parsed.failure;
		}
		await unpinMember(getDb(), gatheringId, parsed.data.item, parsed.data.person);
		return { done: m.program_item_saved() };
	}
} satisfies Actions;
