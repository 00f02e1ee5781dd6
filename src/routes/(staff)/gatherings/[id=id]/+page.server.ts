import { redirect } from '@sveltejs/kit';
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
	duplicateGathering
} from '$lib/server/gatherings/service';
import { statusLabel } from '../new/labels';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ parent, url }) => {
	const { gathering } = await parent();
	const dashboard = await loadDashboard(getDb(), gathering);
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
		const id = Number(params.id);
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
				Number(params.id),
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
