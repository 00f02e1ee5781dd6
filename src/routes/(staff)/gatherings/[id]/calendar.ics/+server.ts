import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { currentLocale } from '$lib/i18n';
import { findGathering } from '$lib/server/invitations/repository';
import { renderGatheringIcs } from '$lib/server/calendar/ics';
import type { RequestHandler } from './$types';

/** The gathering's own calendar entry (UID = gathering.uid), for staff to download. */
export const GET = (async ({ params }) => {
	const id = Number(params.id);
	const g = Number.isInteger(id) && id > 0 ? await findGathering(getDb(), id) : undefined;
	if (!g) {
		error(404, m.invitations_error_gathering_not_found());
	}
	return new Response(renderGatheringIcs(g, currentLocale()), {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': `attachment; filename="gathering-${g.id}.ics"`,
			'Cache-Control': 'private, no-store'
		}
	});
}) satisfies RequestHandler;
