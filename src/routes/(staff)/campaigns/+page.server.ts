import { getDb } from '$lib/server/db';
import { loadCampaignList } from '$lib/server/greetings/pages';
import type { PageServerLoad } from './$types';

export const load = (async () => ({
	campaigns: await loadCampaignList(getDb())
})) satisfies PageServerLoad;
