import { redirect } from '@sveltejs/kit';
import { currentLocale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { setFlash } from '$lib/server/flash';
import { failFromDomain, parseForm } from '$lib/server/forms';
import { answerSchema, callSchema, logCall, setAnswerByStaff } from '$lib/server/invitations/calls';
import { loadCallsPage, type InviteeRow } from '$lib/server/invitations/pages';
import type { Actions, PageServerLoad } from './$types';

function guestDetailsOf(r: InviteeRow) {
	return {
		dietary: r.dietary,
		tour_language: r.tour_language,
		arrival_details: r.arrival_details,
		message_to_host: r.message_to_host
	};
}

export const load = (async ({ parent }) => {
	const { gathering } = await parent();
	const page = await loadCallsPage(getDb(), gathering.id);
	const pick = (r: InviteeRow | (typeof page.toCall)[number]) => ({
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
		toCall: page.toCall.map(pick),
		// Our own people never answer (they host): staff set answers for guests only.
		everyone: page.invitees.filter((r) => r.role === 'guest').map(pick),
		// What each guest to call told us already (dietary needs, arrival, their message).
		told: Object.fromEntries(page.invitees.map((r) => [r.id, guestDetailsOf(r)])),
		calls: page.calls,
		history: page.history
	};
}) satisfies PageServerLoad;

export const actions = {
	log: async ({ params, request, locals, cookies }) => {
		const id = Number(params.id);
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
		const id = Number(params.id);
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
