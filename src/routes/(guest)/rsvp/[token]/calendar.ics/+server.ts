import { getDb } from '$lib/server/db';
import { openGuestToken } from '$lib/server/rsvp/access';
import { guestIcs } from '$lib/server/program/guest';
import { rsvpUrl } from '$lib/server/invitations/mailing';
import type { RequestHandler } from './$types';

/**
 * The guest's personal calendar entry (same UID as in their emails, so it updates); once they
 * have accepted it states their own tour groups and table.
 */
export const GET = (async ({ params, url, getClientAddress }) => {
	const view = await openGuestToken(getDb(), params.token, getClientAddress());
	const lang = url.searchParams.get('lang');
	const locale = lang === 'en' || lang === 'zh-CN' ? lang : view.locale;
	const ics = await guestIcs(
		getDb(),
		view.gathering,
		{ inviteeId: view.inviteeId, accepted: view.answer.status === 'accepted' },
		locale,
		rsvpUrl(params.token)
	);
	return new Response(ics, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': 'attachment; filename="gathering.ics"',
			'Cache-Control': 'private, no-store'
		}
	});
}) satisfies RequestHandler;
