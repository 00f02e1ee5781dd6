import { resolve } from '$app/paths';
import type { Pathname, ResolvedPathname } from '$app/types';

export const accountsHref = (query = ''): ResolvedPathname =>
	query ? resolve(`/(staff)/accounts?${query}`) : resolve('/(staff)/accounts');
export const newAccountHref = (): ResolvedPathname => resolve('/(staff)/accounts/new');
export const accountHref = (id: number): ResolvedPathname =>
	resolve('/(staff)/accounts/[id]', { id: String(id) });
export const editAccountHref = (id: number): ResolvedPathname =>
	resolve('/(staff)/accounts/[id]/edit', { id: String(id) });

// The contacts helper owns these pages; they may not exist in every checkout, hence the casts.
export const contactHref = (id: number): ResolvedPathname => resolve(`/contacts/${id}` as Pathname);
export const newContactHref = (accountId: number): ResolvedPathname =>
	resolve(`/contacts/new?account=${accountId}` as Pathname);

export const hostHref = (): ResolvedPathname => resolve('/(staff)/host');
export const newHostHref = (): ResolvedPathname => resolve('/(staff)/host/new');
export const editHostHref = (id: number): ResolvedPathname =>
	resolve('/(staff)/host/[id]/edit', { id: String(id) });
