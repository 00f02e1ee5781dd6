import { error } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import type { Executor } from '../db';
import { findGatheringForBadges } from './repository';

/** The gathering a badges, check-in or materials page is about; 404 for a bad or unknown id. */
export async function requireGathering(db: Executor, rawId: string) {
	const id = Number(rawId);
	const gathering = Number.isInteger(id) && id > 0 ? await findGatheringForBadges(db, id) : null;
	if (!gathering) {
		error(404, t('error_not_found'));
	}
	return gathering;
}

export function gatheringIdParam(rawId: string): number {
	const id = Number(rawId);
	if (!Number.isInteger(id) || id <= 0) {
		error(404, t('error_not_found'));
	}
	return id;
}
