import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { setFlash } from '$lib/server/flash';
import { failFromDomain, parseForm } from '$lib/server/forms';
import { loadDashboard } from '$lib/server/gatherings/dashboard';
import { gatheringStatuses } from '$lib/server/gatherings/schema';
import {
	allowedTransitions,
	changeStatus,
	duplicateGathering,
	requireGatheringRow
} from '$lib/server/gatherings/service';
import { NotFoundError } from '$lib/server/errors';
import { statusLabel } from '../new/labels';
import type { Actions, PageServerLoad } from './$types';

function gatheringId(raw: string): number {
	const id = Number(raw);
	if (!Number.isInteger(id) || id <= 0) {
		error(404, m.error_not_found());
	}
	return id;
}

export const load = (async ({ params, url }) => {
	const db = getDb();
	let gathering;
	try {
		gathering = await requireGatheringRow(db, gatheringId(params.id));
	} catch (err) {
		if (err instanceof NotFoundError) {
			error(404, m.error_not_found());
		}
		throw err;
	}
	const dashboard = await loadDashboard(db, gathering);
	return {
		gathering,
		...dashboard,
		transitions: allowedTransitions(gathering.status),
		scheduleChanged: url.searchParams.get('changed') === 'schedule'
	};
}) satisfies PageServerLoad;

const statusSchema = z.object({ status: z.enum(gatheringStatuses, 'error_choice') });
const duplicateSchema = z.object({
	copy_guests: z
		.string()
		.optional()
		.transform((v) => v === 'on' || v === '1')
});

export const actions = {
	status: async ({ params, request, locals, cookies }) => {
		const parsed = parseForm(statusSchema, await request.formData());
		if (!parsed.ok) {
			return parsed.failure;
		}
		const id = gatheringId(params.id);
		try {
			await changeStatus(getDb(), id, parsed.data.status, locals.user?.id ?? null);
		} catch (err) {
			return failFromDomain(err);
		}
		setFlash(cookies, {
			type: 'success',
			message: m.gatherings_status_changed({
				status: statusLabel(parsed.data.status)
			})
		});
		redirect(303, `/gatherings/${id}`);
	},
	duplicate: async ({ params, request, locals, cookies }) => {
		const parsed = parseForm(duplicateSchema, await request.formData());
		if (!parsed.ok) {
			return parsed.failure;
		}
		let copyId: number;
		try {
			copyId = await duplicateGathering(
				getDb(),
				gatheringId(params.id),
				{ copyGuests: parsed.data.copy_guests },
				locals.user?.id ?? null
			);
		} catch (err) {
			return failFromDomain(err);
		}
		setFlash(cookies, { type: 'success', message: m.gatherings_duplicated() });
		redirect(303, `/gatherings/${copyId}/edit`);
	}
} satisfies Actions;
