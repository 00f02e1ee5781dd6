import { currentLocale } from '$lib/i18n';
import { getDb } from '$lib/server/db';
import { contactsCsvFile } from '$lib/server/csv/export';
import type { RequestHandler } from './$types';

/** The contacts the list page shows with its filters, as a CSV that Excel opens. */
export const GET = (async ({ url }) => {
	const file = await contactsCsvFile(getDb(), url.searchParams, currentLocale());
	return new Response(file.csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': file.disposition,
			'cache-control': 'no-store'
		}
	});
}) satisfies RequestHandler;
