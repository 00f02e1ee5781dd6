import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Executor } from '../db';
import { findGatheringForBadges } from './repository';

/** The gathering a badges, check-in or materials page is about; 404 for a bad or unknown id. */
export async function requireGathering(db: Executor, rawId: string) {
	const id = Number(rawId);
	const gathering = Number.isInteger(id) && id > 0 ? await findGatheringForBadges(db, id) : null;
	if (!gathering) {
		error(404, m.error_not_found());
	}
	return gathering;
}

export function gatheringIdParam(rawId: string): number {
	const id = Number(rawId);
	if (!Number.isInteger(id) || id <= 0) {
		error(404, m.error_not_found());
	}
	return id;
}
