import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

export const load = (({ locals, url }) => {
	// hooks.server.ts already refuses signed-out requests; this narrows the type for pages.
	if (!locals.user) {
		redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	}
	return { user: locals.user, canEdit: locals.user.role !== 'viewer' };
}) satisfies LayoutServerLoad;
