import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

export const accountsHref = (query = ''): ResolvedPathname =>
	query ? resolve(`/(staff)/accounts?${query}`) : resolve('/(staff)/accounts');
export const newAccountHref = (): ResolvedPathname => resolve('/(staff)/accounts/new');
export const accountHref = (id: number): ResolvedPathname =>
	resolve('/(staff)/accounts/[id=id]', { id: String(id) });
export const editAccountHref = (id: number): ResolvedPathname =>
	resolve('/(staff)/accounts/[id=id]/edit', { id: String(id) });

export const importAccountsHref = (): ResolvedPathname => resolve('/(staff)/accounts/import');
export const exportAccountsHref = (query: string): ResolvedPathname =>
	query ? resolve(`/(staff)/accounts/export?${query}`) : resolve('/(staff)/accounts/export');

// The contacts area owns these pages.
export { contactHref, newContactHref } from '../contacts/links';

export const hostHref = (): ResolvedPathname => resolve('/(staff)/host');
export const newHostHref = (): ResolvedPathname => resolve('/(staff)/host/new');
export const editHostHref = (id: number): ResolvedPathname =>
	resolve('/(staff)/host/[id=id]/edit', { id: String(id) });
