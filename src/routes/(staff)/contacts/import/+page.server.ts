import { columnHelp, csvImportActions, uploadLimit } from '$lib/server/csv/actions';
import type { Actions, PageServerLoad } from './$types';

export const load = (() => ({
	columns: columnHelp('contacts'),
	maxBytes: uploadLimit()
})) satisfies PageServerLoad;

export const actions = csvImportActions('contacts') satisfies Actions;
