import { getDb } from '$lib/server/db';
import { staffDirectory } from '$lib/server/host/service';
import type { PageServerLoad } from './$types';

export const load = (async () => staffDirectory(getDb())) satisfies PageServerLoad;
