import { getDb } from '$lib/server/db';
import { pdfResponse, seatingChartPdf } from '$lib/server/program/pdfs';
import type { RequestHandler } from './$types';

export const GET = (async ({ params }) =>
	pdfResponse(
		await seatingChartPdf(getDb(), Number(params.id)),
		'seating-chart.pdf'
	)) satisfies RequestHandler;
