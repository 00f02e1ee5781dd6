import { error, redirect } from '@sveltejs/kit';
import { currentLocale, t } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { setFlash } from '$lib/server/flash';
import { failFromDomain, parseForm } from '$lib/server/forms';
import { listGatheringActivity } from '$lib/server/activity/repository';
import { listCalls, listInvitees } from '$lib/server/invitations/repository';
import { requireGathering } from '$lib/server/invitations/service';
import {
	answerSchema,
	callList,
	callSchema,
	logCall,
	setAnswerByStaff
} from '$lib/server/invitations/calls';
import type { Actions, PageServerLoad } from './$types';

function gatheringId(raw: string): number {
	const id = Number(raw);
	if (!Number.isInteger(id) || id <= 0) {
		error(404, m.invitations_error_gathering_not_found());
	}
	return id;
}

function guestDetailsOf(r: Awaited<ReturnType<typeof listInvitees>>[number]) {
	return {
		dietary: r.dietary,
		tour_language: r.tour_language,
		arrival_details: r.arrival_details,
		message_to_host: r.message_to_host
	};
}

export const load = (async ({ params }) => {
	const id = gatheringId(params.id);
	const db = getDb();
	let gathering;
	try {
		gathering = await requireGathering(db, id);
	} catch (err) {
		if (err instanceof NotFoundError) {
			error(404, t(err.messageKey));
		}
		throw err;
	}
	const pick = (r: Awaited<ReturnType<typeof listInvitees>>[number]) => ({
		id: r.id,
		name: r.name ?? '',
		name_latin: r.name_latin,
		account: r.account_name,
		tier: r.tier,
		phone: r.phone,
		status: r.status,
		answer_source: r.answer_source,
		answered_at: r.answered_at,
		call_back_at: 'call_back_at' in r ? (r.call_back_at as string | null) : null
	});
	return {
		gathering: {
			id: gathering.id,
			// The staff member's language picks the title (the page has no other bilingual text).
			title:
				currentLocale() === 'en' ? gathering.title_en || gathering.title_zh : gathering.title_zh,
			time_zone: gathering.time_zone,
			status: gathering.status
		},
		toCall: (await callList(db, id)).map(pick),
		// Our own people never answer (they host): staff set answers for guests only.
		everyone: (await listInvitees(db, id)).filter((r) => r.role === 'guest').map(pick),
		// What each guest to call told us already (dietary needs, arrival, their message).
		told: Object.fromEntries((await listInvitees(db, id)).map((r) => [r.id, guestDetailsOf(r)])),
		calls: await listCalls(db, id),
		history: (await listGatheringActivity(db, id, 200)).filter(
			(a) => a.action === 'call.logged' || a.action.startsWith('invitee.answer')
		)
	};
}) satisfies PageServerLoad;

export const actions = {
	log: async ({ params, request, locals, cookies }) => {
		const id = gatheringId(params.id);
		const parsed = parseForm(callSchema, await request.formData());
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			await logCall(getDb(), id, parsed.data, locals.user?.id ?? null);
		} catch (err) {
			return failFromDomain(err, { invitee_id: String(parsed.data.invitee_id) });
		}
		setFlash(cookies, { type: 'success', message: m.invitations_call_logged() });
		redirect(303, `/gatherings/${id}/calls`);
	},
	answer: async ({ params, request, locals, cookies }) => {
		const id = gatheringId(params.id);
		const parsed = parseForm(answerSchema, await request.formData());
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			await setAnswerByStaff(getDb(), id, parsed.data, locals.user?.id ?? null);
		} catch (err) {
			return failFromDomain(err);
		}
		setFlash(cookies, { type: 'success', message: m.invitations_answer_set() });
		redirect(303, `/gatherings/${id}/calls`);
	}
} satisfies Actions;
