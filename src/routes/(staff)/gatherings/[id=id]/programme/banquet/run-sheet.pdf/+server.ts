import { getDb } from '$lib/server/db';
import { currentLocale } from '$lib/i18n';
import { pdfResponse, runSheetPdf } from '$lib/server/program/pdfs';
import type { RequestHandler } from './$types';

export const GET = (async ({ params, url }) => {
	const lang = url.searchParams.get('lang');
	const locale = lang === 'en' || lang === 'zh-CN' ? lang : currentLocale();
	return pdfResponse(await runSheetPdf(getDb(), Number(params.id), locale), 'run-sheet.pdf');
}) satisfies RequestHandler;
