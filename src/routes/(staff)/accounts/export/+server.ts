import { currentLocale } from '$lib/i18n';
import { getDb } from '$lib/server/db';
import { accountsCsvFile } from '$lib/server/csv/export';
import type { RequestHandler } from './$types';

/** The accounts the list page shows with its filters, as a CSV that Excel opens. */
export const GET = (async ({ url }) => {
	const file = await accountsCsvFile(getDb(), url.searchParams, currentLocale());
	return new Response(file.csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': file.disposition,
			'cache-control': 'no-store'
		}
	});
}) satisfies RequestHandler;
