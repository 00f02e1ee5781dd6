import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

export const contactsHref = (query = ''): ResolvedPathname =>
	query ? resolve(`/(staff)/contacts?${query}`) : resolve('/(staff)/contacts');
export const contactHref = (id: number): ResolvedPathname =>
	resolve('/(staff)/contacts/[id=id]', { id: String(id) });
export const editContactHref = (id: number): ResolvedPathname =>
	resolve('/(staff)/contacts/[id=id]/edit', { id: String(id) });
export const newContactHref = (accountId?: number): ResolvedPathname =>
	accountId
		? resolve(`/(staff)/contacts/new?account=${accountId}`)
		: resolve('/(staff)/contacts/new');
export const importContactsHref = (): ResolvedPathname => resolve('/(staff)/contacts/import');
export const exportContactsHref = (query: string): ResolvedPathname =>
	query ? resolve(`/(staff)/contacts/export?${query}`) : resolve('/(staff)/contacts/export');
export const accountPageHref = (id: number): ResolvedPathname =>
	resolve('/(staff)/accounts/[id=id]', { id: String(id) });
