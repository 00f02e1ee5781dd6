import { columnHelp, csvImportActions, uploadLimit } from '$lib/server/csv/actions';
import type { Actions, PageServerLoad } from './$types';

export const load = (() => ({
	columns: columnHelp('accounts'),
	maxBytes: uploadLimit()
})) satisfies PageServerLoad;

export const actions = csvImportActions('accounts') satisfies Actions;
