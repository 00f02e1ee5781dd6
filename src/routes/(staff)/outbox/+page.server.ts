import { getDb } from '$lib/server/db';
import { loadOutboxList, parseOutboxQuery } from '$lib/server/mail/service';
import type { PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const query = parseOutboxQuery(url.searchParams);
	return { query, list: await loadOutboxList(getDb(), query) };
}) satisfies PageServerLoad;
