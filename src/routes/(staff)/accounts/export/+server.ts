import { currentLocale } from '$lib/i18n';
import { getDb } from '$lib/server/db';
import { parseListQuery } from '$lib/server/accounts/queries';
import { todayIn } from '$lib/server/accounts/review';
import { exportAccountsCsv } from '$lib/server/csv/export';
import { csvDisposition } from '$lib/server/csv/write';
import { getSettings } from '$lib/server/settings/service';
import type { RequestHandler } from './$types';

/** The accounts the list page shows with its filters, as a CSV that Excel opens. */
export const GET = (async ({ url }) => {
	const db = getDb();
	const today = todayIn((await getSettings(db)).default_time_zone);
	const csv = await exportAccountsCsv(db, parseListQuery(url.searchParams), today, currentLocale());
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': csvDisposition('accounts', today),
			'cache-control': 'no-store'
		}
	});
}) satisfies RequestHandler;
