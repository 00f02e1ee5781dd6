import { getDb } from '$lib/server/db';
import { loadContactList, parseContactQuery } from '$lib/server/contacts/queries';
import type { PageServerLoad } from './$types';

export const load = (async ({ url }) => {
	const query = parseContactQuery(url.searchParams);
	return { query, list: await loadContactList(getDb(), query) };
}) satisfies PageServerLoad;
