import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { findGathering } from '$lib/server/gatherings/repository';
import type { LayoutServerLoad } from './$types';

export const load = (async ({ params }) => {
	const id = Number(params.id);
	const gathering = Number.isInteger(id) && id > 0 ? await findGathering(getDb(), id) : undefined;
	if (!gathering) {
		error(404, m.error_not_found());
	}
	// Named apart from the pages' own `gathering` so each page keeps the shape it loads.
	return {
		gatheringNav: {
			id: gathering.id,
			title_zh: gathering.title_zh,
			title_en: gathering.title_en,
			status: gathering.status
		}
	};
}) satisfies LayoutServerLoad;
