import { getDb } from '$lib/server/db';
import { gatheringIdParam } from '$lib/server/badges/gathering';
import { agendaPdf, pdfResponse } from '$lib/server/program/pdfs';
import type { RequestHandler } from './$types';

export const GET = (async ({ params }) =>
	pdfResponse(
		await agendaPdf(getDb(), gatheringIdParam(params.id)),
		'agenda.pdf'
	)) satisfies RequestHandler;
