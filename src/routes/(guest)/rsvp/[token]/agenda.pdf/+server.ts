import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { pdfResponse } from '$lib/server/program/pdfs';
import { agendaForGuest } from '$lib/server/rsvp/access';
import type { RequestHandler } from './$types';

/** The agenda in the guest's materials pack; any refusal is a plain 404, wrong links throttled. */
export const GET = (async ({ params, getClientAddress }) => {
	if (params.token.length > 100) {
		error(404, m.error_not_found());
	}
	const pdf = await agendaForGuest(getDb(), params.token, getClientAddress());
	return pdfResponse(pdf, 'agenda.pdf');
}) satisfies RequestHandler;
