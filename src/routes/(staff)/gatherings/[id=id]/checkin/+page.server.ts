import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { t } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { failFromDomain, parseForm } from '$lib/server/forms';
import {
	addWalkIn,
	changeCompanions,
	checkIn,
	checkInByScan,
	checkinOverview,
	resolveScan,
	searchDoor,
	setPackHanded,
	undoCheckIn,
	walkInSchema,
	setCompanionArrival,
	type DoorPerson as CheckinPerson
} from '$lib/server/checkin/service';
import type { Actions, PageServerLoad } from './$types';

/** What the page shows of a person; no codes or contact details beyond the door's needs. */
function view(p: CheckinPerson) {
	return {
		id: p.id,
		name: p.name,
		name_latin: p.name_latin,
		company: p.company,
		role: p.role,
		status: p.status,
		checked_in_at: p.checked_in_at,
		checked_in_by_name: p.checked_in_by_name,
		companions_count: Number(p.companions_count),
		companions_arrived: Number(p.companions_arrived),
		companions: p.companions.map((c) => ({
			position: c.position,
			name: c.name,
			name_latin: c.name_latin,
			dietary: c.dietary,
			table_number: c.table_number ?? null,
			tour_group: c.tour_group ?? null,
			arrived: Boolean(c.checked_in_at)
		})),
		pack_handed_at: p.pack_handed_at,
		table_number: p.table_number,
		tour_group: p.tour_group,
		dietary: p.dietary,
		tour_language: p.tour_language,
		arrival_details: p.arrival_details,
		message_to_host: p.message_to_host
	};
}
export type DoorPerson = ReturnType<typeof view>;

export const load = (async ({ parent, url }) => {
	const db = getDb();
	const { gathering } = await parent();
	const q = (url.searchParams.get('q') ?? '').slice(0, 100);
	const code = url.searchParams.get('code');
	let scan: { person: DoorPerson; companion: number | null } | null = null;
	let scanError: string | null = null;
	if (code) {
		try {
			const target = await resolveScan(db, gathering.id, url.href);
			scan = { person: view(target.person), companion: target.companion };
		} catch (err) {
			if (!(err instanceof DomainError)) {
				throw err;
			}
			scanError = t(err.messageKey, err.params);
		}
	}
	const [overview, results] = await Promise.all([
		checkinOverview(db, gathering.id),
		searchDoor(db, gathering.id, q)
	]);
	return {
		gathering: {
			id: gathering.id,
			title_zh: gathering.title_zh,
			title_en: gathering.title_en,
			time_zone: gathering.time_zone
		},
		q,
		scan,
		scanError,
		counts: overview.counts,
		total: overview.total,
		packs: overview.packs,
		missingKey: overview.missingKey,
		recent: overview.recent.map(view),
		results: results.map(view)
	};
}) satisfies PageServerLoad;

const idSchema = z.object({ id: z.coerce.number().int().positive('error_choice') });

async function withPerson(request: Request, fn: (id: number, form: FormData) => Promise<unknown>) {
	const form = await request.formData();
	const parsed = parseForm(idSchema, form);
	if (!parsed.ok) {
		return parsed.failure;
	}
	try {
		await fn(parsed.data.id, form);
	} catch (err) {
		return failFromDomain(err);
	}
	return null;
}

export const actions = {
	scan: async ({ params, request, locals }) => {
		const gatheringId = Number(params.id);
		const input = String((await request.formData()).get('input') ?? '').slice(0, 500);
		if (!input.trim()) {
			return fail(400, { scanMessage: m.checkin_error_bad_code(), scanOk: false });
		}
		try {
			const result = await checkInByScan(getDb(), gatheringId, input, locals.user?.id ?? null);
			return { scanOk: true, outcome: result.outcome, person: view(result.person) };
		} catch (err) {
			if (err instanceof DomainError) {
				return fail(err.status, { scanMessage: t(err.messageKey, err.params), scanOk: false });
			}
			throw err;
		}
	},
	checkin: async ({ params, request, locals }) => {
		const gatheringId = Number(params.id);
		const form = await request.formData();
		const parsed = parseForm(idSchema, form);
		if (!parsed.ok) {
			return parsed.failure;
		}
		const via = form.get('via') === 'link' ? 'link' : 'search';
		let result;
		try {
			result = await checkIn(getDb(), gatheringId, parsed.data.id, locals.user?.id ?? null, via);
		} catch (err) {
			return failFromDomain(err);
		}
		// Opened from a badge's link: go back to the plain check-in page, ready for the next one.
		if (via === 'link') {
			redirect(303, `/gatherings/${gatheringId}/checkin`);
		}
		return { scanOk: true, outcome: result.outcome, person: view(result.person) };
	},
	undo: async ({ params, request, locals }) => {
		const gatheringId = Number(params.id);
		return (
			(await withPerson(request, (id) =>
				undoCheckIn(getDb(), gatheringId, id, locals.user?.id ?? null)
			)) ?? { updated: true }
		);
	},
	companions: async ({ params, request, locals }) => {
		const gatheringId = Number(params.id);
		let fromLink = false;
		const failure = await withPerson(request, (id, form) => {
			fromLink = form.get('via') === 'link';
			return changeCompanions(
				getDb(),
				gatheringId,
				id,
				form.get('delta') === '-1' ? -1 : 1,
				locals.user?.id ?? null
			);
		});
		if (failure) {
			return failure;
		}
		if (fromLink) {
			redirect(303, `/gatherings/${gatheringId}/checkin`);
		}
		return { updated: true };
	},
	companion: async ({ params, request, locals }) => {
		const gatheringId = Number(params.id);
		let fromLink = false;
		const failure = await withPerson(request, (id, form) => {
			fromLink = form.get('via') === 'link';
			return setCompanionArrival(
				getDb(),
				gatheringId,
				id,
				Number(form.get('position')) || 0,
				form.get('arrived') === '1',
				locals.user?.id ?? null
			);
		});
		if (failure) {
			return failure;
		}
		if (fromLink) {
			redirect(303, `/gatherings/${gatheringId}/checkin`);
		}
		return { updated: true };
	},
	pack: async ({ params, request, locals }) => {
		const gatheringId = Number(params.id);
		return (
			(await withPerson(request, (id, form) =>
				setPackHanded(
					getDb(),
					gatheringId,
					id,
					form.get('handed') === 'on',
					locals.user?.id ?? null
				)
			)) ?? { updated: true }
		);
	},
	walkin: async ({ params, request, locals }) => {
		const gatheringId = Number(params.id);
		const parsed = parseForm(walkInSchema, await request.formData());
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			const person = await addWalkIn(getDb(), gatheringId, parsed.data, locals.user?.id ?? null);
			return { walkIn: view(person) };
		} catch (err) {
			return failFromDomain(err, parsed.data as Record<string, string>);
		}
	}
} satisfies Actions;
