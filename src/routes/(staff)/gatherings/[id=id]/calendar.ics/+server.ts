import { currentLocale } from '$lib/i18n';
import { getDb } from '$lib/server/db';
import { orHttpError } from '$lib/server/http/domain-error';
import { gatheringCalendar } from '$lib/server/calendar/feed';
import type { RequestHandler } from './$types';

/** The gathering's own calendar entry (UID = gathering.uid), for staff to download. */
export const GET = (async ({ params }) => {
	const { filename, ics } = await orHttpError(
		gatheringCalendar(getDb(), Number(params.id), currentLocale())
	);
	return new Response(ics, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': `attachment; filename="${filename}"`,
			'Cache-Control': 'private, no-store'
		}
	});
}) satisfies RequestHandler;
