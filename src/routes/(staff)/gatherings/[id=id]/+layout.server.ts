import { getDb } from '$lib/server/db';
import { orHttpError } from '$lib/server/http/domain-error';
import { requireGatheringRow } from '$lib/server/gatherings/service';
import type { LayoutServerLoad } from './$types';

/**
 * The gathering every page under /gatherings/[id] is about, loaded once: child loads take it
 * from `await parent()` (the [id=id] matcher has already refused ids that are not numbers).
 */
export const load = (async ({ params }) => {
	const gathering = await orHttpError(requireGatheringRow(getDb(), Number(params.id)));
	return {
		gathering,
		// For the tabs; pages may replace `gathering` with the shape they show.
		gatheringNav: {
			id: gathering.id,
			title_zh: gathering.title_zh,
			title_en: gathering.title_en,
			status: gathering.status
		}
	};
}) satisfies LayoutServerLoad;
