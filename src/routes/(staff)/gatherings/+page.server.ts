import { getDb } from '$lib/server/db';
import { listGatheringsWithCounts } from '$lib/server/gatherings/counts';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	const rows = await listGatheringsWithCounts(getDb());
	const now = new Date().toISOString();
	// Upcoming soonest first; past (ended or marked done) newest first.
	const isPast = (g: (typeof rows)[number]) => g.ends_at < now || g.status === 'done';
	return {
		upcoming: rows.filter((g) => !isPast(g)).reverse(),
		past: rows.filter(isPast),
		any: rows.length > 0
	};
}) satisfies PageServerLoad;
