import { getDb } from '$lib/server/db';
import { openGuestToken } from '$lib/server/rsvp/access';
import { renderPersonalIcs } from '$lib/server/calendar/ics';
import { rsvpUrl } from '$lib/server/invitations/mailing';
import type { RequestHandler } from './$types';

/** The guest's personal calendar entry (same UID as in their emails, so it updates). */
export const GET = (async ({ params, url, getClientAddress }) => {
	const view = await openGuestToken(getDb(), params.token, getClientAddress());
	const lang = url.searchParams.get('lang');
	const locale = lang === 'en' || lang === 'zh-CN' ? lang : view.locale;
	const ics = renderPersonalIcs(view.gathering, view.inviteeId, locale, rsvpUrl(params.token));
	return new Response(ics, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': 'attachment; filename="gathering.ics"',
			'Cache-Control': 'private, no-store'
		}
	});
}) satisfies RequestHandler;
