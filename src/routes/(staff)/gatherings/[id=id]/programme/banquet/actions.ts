import { z } from 'zod';
import type { RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { failFromDomain, formToObject, parseForm } from '$lib/server/forms';
import {
	moveSegment,
	removeSegment,
	requestGuestSpeech,
	saveMcLine,
	saveSegment,
	segmentSchema,
	setDesignated,
	setLate,
	useStandardOrder
} from '$lib/server/program/banquet';
import { intIn, text } from '$lib/server/program/schema';

type Event = RequestEvent<{ id: string }>;

async function run(action: () => Promise<unknown>, done: string, form?: FormData) {
	try {
		await action();
	} catch (err) {
		return failFromDomain(err, form ? formToObject(form) : {});
	}
	return { done };
}

/** The banquet's form actions, shared by the staff page and the MC's phone view. */
export const banquetActions = {
	standard: async ({ params, locals }: Event) =>
		run(
			() => useStandardOrder(getDb(), Number(params.id), locals.user?.id ?? null),
			m.program_banquet_standard_done()
		),
	saveSegment: async ({ params, request }: Event) => {
		const form = await request.formData();
		const parsed = parseForm(segmentSchema, form);
		if (!parsed.ok) {
			return parsed.failure;
		}
		return run(
			() => saveSegment(getDb(), Number(params.id), parsed.data),
			m.program_banquet_saved(),
			form
		);
	},
	deleteSegment: async ({ params, request }: Event) => {
		const parsed = parseForm(
			z.object({ id: z.coerce.number().int().positive() }),
			await request.formData()
		);
		if (!parsed.ok) {
			return parsed.failure;
		}
		return run(
			() => removeSegment(getDb(), Number(params.id), parsed.data.id),
			m.program_banquet_deleted()
		);
	},
	moveSegment: async ({ params, request }: Event) => {
		const parsed = parseForm(
			z.object({ id: z.coerce.number().int().positive(), by: z.enum(['-1', '1']) }),
			await request.formData()
		);
		if (!parsed.ok) {
			return parsed.failure;
		}
		const by = parsed.data.by === '1' ? 1 : -1;
		return run(
			() => moveSegment(getDb(), Number(params.id), parsed.data.id, by),
			m.program_banquet_saved()
		);
	},
	designate: async ({ params, request }: Event) => {
		const parsed = parseForm(
			z.object({ invitee_id: z.coerce.number().int().nonnegative().catch(0) }),
			await request.formData()
		);
		if (!parsed.ok) {
			return parsed.failure;
		}
		return run(
			() => setDesignated(getDb(), Number(params.id), parsed.data.invitee_id || null),
			m.program_banquet_designated_saved()
		);
	},
	request: async ({ params, locals }: Event) => {
		try {
			const sent = await requestGuestSpeech(getDb(), Number(params.id), locals.user?.id ?? null);
			return { done: sent ? m.program_banquet_requested() : m.program_banquet_already_requested() };
		} catch (err) {
			return failFromDomain(err);
		}
	},
	late: async ({ params, request }: Event) => {
		const parsed = parseForm(z.object({ minutes: intIn(0, 240) }), await request.formData());
		if (!parsed.ok) {
			return parsed.failure;
		}
		return run(
			() => setLate(getDb(), Number(params.id), parsed.data.minutes),
			m.program_banquet_saved()
		);
	},
	line: async ({ params, request }: Event) => {
		const parsed = parseForm(
			z.object({ person: z.string().regex(/^i\d+(c\d+)?$/), zh: text(500), en: text(500) }),
			await request.formData()
		);
		if (!parsed.ok) {
			return parsed.failure;
		}
		const id = Number(params.id);
		const { person, zh, en } = parsed.data;
		return run(async () => {
			await saveMcLine(getDb(), id, person, 'zh-CN', zh);
			await saveMcLine(getDb(), id, person, 'en', en);
		}, m.program_banquet_saved());
	}
};
