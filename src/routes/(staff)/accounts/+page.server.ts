import { getDb } from '$lib/server/db';
import { loadAccountsPage, parseListQuery } from '$lib/server/accounts/queries';
import type { PageServerLoad } from './$types';

export const load = (async ({ url }) =>
	loadAccountsPage(getDb(), parseListQuery(url.searchParams))) satisfies PageServerLoad;
