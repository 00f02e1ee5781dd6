import { getDb } from '$lib/server/db';
import { gatheringIdParam } from '$lib/server/badges/gathering';
import { pdfResponse, seatingChartPdf } from '$lib/server/program/pdfs';
import type { RequestHandler } from './$types';

export const GET = (async ({ params }) =>
	pdfResponse(
		await seatingChartPdf(getDb(), gatheringIdParam(params.id)),
		'seating-chart.pdf'
	)) satisfies RequestHandler;
