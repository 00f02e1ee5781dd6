import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';

/**
 * The gathering id of a programme or seating route. Kept for those routes only: the
 * `[id=id]` matcher (src/params/id.ts) already refuses anything else, and the gathering pages
 * read `Number(params.id)` or take the gathering from the layout through `parent()`.
 */
export function gatheringIdParam(rawId: string): number {
	const id = Number(rawId);
	if (!Number.isInteger(id) || id <= 0) {
		error(404, m.error_not_found());
	}
	return id;
}
