import { getDb } from '$lib/server/db';
import { listGatherings } from '$lib/server/gatherings/service';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	const rows = await listGatherings(getDb());
	const now = new Date().toISOString();
	// Upcoming soonest first; past (ended or marked done) newest first.
	const isPast = (g: (typeof rows)[number]) => g.ends_at < now || g.status === 'done';
	return {
		upcoming: rows.filter((g) => !isPast(g)).reverse(),
		past: rows.filter(isPast),
		any: rows.length > 0
	};
}) satisfies PageServerLoad;
