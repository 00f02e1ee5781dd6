import { getDb } from '$lib/server/db';
import { loadBanquet } from '$lib/server/program/banquet';
import { banquetActions } from '../banquet/actions';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, depends }) => {
	depends('program:banquet');
	return { banquet: await loadBanquet(getDb(), Number(params.id)) };
}) satisfies PageServerLoad;

export const actions = { late: banquetActions.late } satisfies Actions;
