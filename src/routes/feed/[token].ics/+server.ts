import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { feedFor } from '$lib/server/calendar/feed';
import type { RequestHandler } from './$types';

/**
 * A staff member's private subscription (public path, guarded by its own hashed token), so
 * calendar apps can poll it without a session.
 */
export const GET = (async ({ params }) => {
	try {
		const body = await feedFor(getDb(), params.token);
		return new Response(body, {
			headers: {
				'Content-Type': 'text/calendar; charset=utf-8',
				'Cache-Control': 'private, max-age=300'
			}
		});
	} catch (err) {
		if (err instanceof NotFoundError) {
			error(404, 'Not found');
		}
		throw err;
	}
}) satisfies RequestHandler;
