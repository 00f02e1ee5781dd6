import { getDb } from '$lib/server/db';
import { feedForAddress } from '$lib/server/rsvp/access';
import type { RequestHandler } from './$types';

/**
 * A staff member's private subscription (public path, guarded by its own hashed token), so
 * calendar apps can poll it without a session. Wrong links are slowed, then refused, per address.
 */
export const GET = (async ({ params, getClientAddress }) => {
	const body = await feedForAddress(getDb(), params.token, getClientAddress());
	return new Response(body, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Cache-Control': 'private, max-age=300'
		}
	});
}) satisfies RequestHandler;
