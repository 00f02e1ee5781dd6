import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { agendaPdfForGuest, pdfResponse } from '$lib/server/program/pdfs';
import type { RequestHandler } from './$types';

/** The agenda in the guest's materials pack; any refusal is a plain 404. */
export const GET = (async ({ params }) => {
	if (params.token.length > 100) {
		error(404, 'Not found');
	}
	try {
		return pdfResponse(await agendaPdfForGuest(getDb(), params.token), 'agenda.pdf');
	} catch (err) {
		if (err instanceof NotFoundError) {
			error(404, 'Not found');
		}
		throw err;
	}
}) satisfies RequestHandler;
