import { getDb } from '$lib/server/db';
import { listStaffMembers } from '$lib/server/host/repository';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	const people = await listStaffMembers(getDb());
	return {
		executives: people.filter((p) => p.kind === 'executive'),
		staff: people.filter((p) => p.kind === 'staff')
	};
}) satisfies PageServerLoad;
