import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { pdfResponse, rosterPdf } from '$lib/server/program/pdfs';
import type { RequestHandler } from './$types';

export const GET = (async ({ params }) => {
	const groupId = Number(params.groupId);
	if (!Number.isInteger(groupId) || groupId <= 0) {
		error(404, m.error_not_found());
	}
	try {
		return pdfResponse(await rosterPdf(getDb(), Number(params.id), groupId), 'roster.pdf');
	} catch (err) {
		if (err instanceof NotFoundError) {
			error(404, m.error_not_found());
		}
		throw err;
	}
}) satisfies RequestHandler;
