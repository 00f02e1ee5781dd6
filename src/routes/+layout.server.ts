import { takeFlash } from '$lib/server/flash';
import type { LayoutServerLoad } from './$types';

export const load = (({ locals, cookies }) => {
	return { user: locals.user, flash: takeFlash(cookies) };
}) satisfies LayoutServerLoad;
