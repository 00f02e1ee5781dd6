import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { downloadHeaders } from '$lib/server/materials/service';
import { materialForGuest } from '$lib/server/rsvp/access';
import type { RequestHandler } from './$types';

/**
 * A guest's download from their RSVP page. Any refusal is a plain 404 (wrong links counted and
 * slowed per address like on the RSVP page), so the link reveals nothing about other gatherings,
 * tokens or answers.
 */
export const GET = (async ({ params, getClientAddress }) => {
	if (params.token.length > 100) {
		error(404, m.error_not_found());
	}
	const file = await materialForGuest(
		getDb(),
		params.token,
		Number(params.materialId),
		getClientAddress()
	);
	return new Response(file.content, { headers: downloadHeaders(file) });
}) satisfies RequestHandler;
