import { getDb } from '$lib/server/db';
import { loadAccountList, loadPareto, parseListQuery } from '$lib/server/accounts/queries';
import { todayIn } from '$lib/server/accounts/review';
import { getSettings } from '$lib/server/settings/service';
import type { PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const db = getDb();
	const query = parseListQuery(url.searchParams);
	const today = todayIn((await getSettings(db)).default_time_zone);
	return {
		query,
		list: await loadAccountList(db, query, today),
		pareto: await loadPareto(db, query.chart, query.metric)
	};
}) satisfies PageServerLoad;
