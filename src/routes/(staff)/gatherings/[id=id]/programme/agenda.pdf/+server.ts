import { getDb } from '$lib/server/db';
import { agendaPdf, pdfResponse } from '$lib/server/program/pdfs';
import type { RequestHandler } from './$types';

export const GET = (async ({ params }) =>
	pdfResponse(await agendaPdf(getDb(), Number(params.id)), 'agenda.pdf')) satisfies RequestHandler;
