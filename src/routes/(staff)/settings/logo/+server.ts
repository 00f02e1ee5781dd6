import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { getLogo } from '$lib/server/settings/service';
import type { RequestHandler } from './$types';

/** The stored logo, for the Settings page's preview (emails carry it inline instead). */
export const GET: RequestHandler = async () => {
	const logo = await getLogo(getDb());
	if (!logo) {
		error(404, m.error_not_found());
	}
	return new Response(new Uint8Array(logo.content), {
		headers: {
			'Content-Type': logo.content_type,
			'Cache-Control': 'private, max-age=31536000, immutable',
			'X-Content-Type-Options': 'nosniff'
		}
	});
};
