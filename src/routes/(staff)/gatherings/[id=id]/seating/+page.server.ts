import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { failFromDomain, formToObject, parseForm } from '$lib/server/forms';
import {
	addTables,
	autoSeat,
	dropKeepApart,
	keepApart,
	loadSeating,
	moveToSeat,
	PERSON_KEY,
	removeTable,
	saveTable,
	setEntrance,
	tableSchema,
	unpinSeat
} from '$lib/server/program/seating';
import { intIn } from '$lib/server/program/schema';
import { ENTRANCES } from '$lib/domain/program/seating';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	return { seating: await loadSeating(getDb(), Number(params.id)) };
}) satisfies PageServerLoad;

const person = z.string().regex(PERSON_KEY, 'error_choice');
const idSchema = z.object({ id: z.coerce.number().int().positive('error_choice') });
const moveSchema = z.object({
	person,
	table: z.coerce.number().int().nonnegative().catch(0),
	seat: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? Number(v) : null))
		.refine((v) => v === null || (Number.isInteger(v) && v >= 1 && v <= 30), 'program_error_number')
});
const pairSchema = z.object({ a: person, b: person });

async function run(action: () => Promise<unknown>, done: string, values?: FormData) {
	try {
		await action();
	} catch (err) {
		return failFromDomain(err, values ? formToObject(values) : {});
	}
	return { done };
}

export const actions = {
	saveTable: async ({ params, request }) => {
		const gatheringId = Number(params.id);
		const form = await request.formData();
		const parsed = parseForm(tableSchema, form);
		if (!parsed.ok) {
			return parsed.failure;
		}
		return run(
			() => saveTable(getDb(), gatheringId, parsed.data),
			m.program_seating_table_saved(),
			form
		);
	},
	addTables: async ({ params, request }) => {
		const gatheringId = Number(params.id);
		const parsed = parseForm(
			z.object({ count: intIn(1, 200), seats: intIn(1, 30), cols: intIn(1, 30) }),
			await request.formData()
		);
		if (!parsed.ok) {
			return parsed.failure;
		}
		const { count, seats, cols } = parsed.data;
		return run(
			() => addTables(getDb(), gatheringId, count, seats, cols),
			m.program_seating_tables_added()
		);
	},
	deleteTable: async ({ params, request }) => {
		const gatheringId = Number(params.id);
		const parsed = parseForm(idSchema, await request.formData());
		if (!parsed.ok) {
			return parsed.failure;
		}
		return run(
			() => removeTable(getDb(), gatheringId, parsed.data.id),
			m.program_seating_table_deleted()
		);
	},
	entrance: async ({ params, request }) => {
		const gatheringId = Number(params.id);
		const parsed = parseForm(
			z.object({ entrance: z.enum(ENTRANCES, 'error_choice') }),
			await request.formData()
		);
		if (!parsed.ok) {
			return parsed.failure;
		}
		return run(
			() => setEntrance(getDb(), gatheringId, parsed.data.entrance),
			m.program_item_saved()
		);
	},
	auto: async ({ params, locals }) => {
		const gatheringId = Number(params.id);
		try {
			const s = await autoSeat(getDb(), gatheringId, locals.user?.id ?? null);
			return { done: m.program_seating_done({ ...s }) };
		} catch (err) {
			return failFromDomain(err);
		}
	},
	move: async ({ params, request }) => {
		const gatheringId = Number(params.id);
		const form = await request.formData();
		const parsed = parseForm(moveSchema, form);
		if (!parsed.ok) {
			return parsed.failure;
		}
		const { person: key, table, seat } = parsed.data;
		return run(
			() => moveToSeat(getDb(), gatheringId, key, table || null, seat),
			m.program_seating_moved(),
			form
		);
	},
	unpin: async ({ params, request }) => {
		const gatheringId = Number(params.id);
		const parsed = parseForm(z.object({ person }), await request.formData());
		if (!parsed.ok) {
			return parsed.failure;
		}
		return run(() => unpinSeat(getDb(), gatheringId, parsed.data.person), m.program_item_saved());
	},
	apart: async ({ params, request }) => {
		const gatheringId = Number(params.id);
		const parsed = parseForm(pairSchema, await request.formData());
		if (!parsed.ok) {
			return parsed.failure;
		}
		return run(
			() => keepApart(getDb(), gatheringId, parsed.data.a, parsed.data.b),
			m.program_item_saved()
		);
	},
	together: async ({ params, request }) => {
		const gatheringId = Number(params.id);
		const parsed = parseForm(pairSchema, await request.formData());
		if (!parsed.ok) {
			return parsed.failure;
		}
		return run(
			() => dropKeepApart(getDb(), gatheringId, parsed.data.a, parsed.data.b),
			m.program_item_saved()
		);
	}
} satisfies Actions;
