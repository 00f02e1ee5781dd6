import { currentLocale } from '$lib/i18n';
import { getDb } from '$lib/server/db';
import { todayIn } from '$lib/server/accounts/review';
import { contactFilter, parseContactQuery } from '$lib/server/contacts/queries';
import { exportContactsCsv } from '$lib/server/csv/export';
import { csvDisposition } from '$lib/server/csv/write';
import { getSettings } from '$lib/server/settings/service';
import type { RequestHandler } from './$types';

/** The contacts the list page shows with its filters, as a CSV that Excel opens. */
export const GET = (async ({ url }) => {
	const db = getDb();
	const today = todayIn((await getSettings(db)).default_time_zone);
	const filter = contactFilter(parseContactQuery(url.searchParams));
	const csv = await exportContactsCsv(db, filter, currentLocale());
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': csvDisposition('contacts', today),
			'cache-control': 'no-store'
		}
	});
}) satisfies RequestHandler;
