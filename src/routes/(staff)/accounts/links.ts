import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

export const accountsHref = (query = ''): ResolvedPathname =>
	query ? resolve(`/(staff)/accounts?${query}`) : resolve('/(staff)/accounts');
export const newAccountHref = (): ResolvedPathname => resolve('/(staff)/accounts/new');
export const accountHref = (id: number): ResolvedPathname =>
	resolve('/(staff)/accounts/[id]', { id: String(id) });
export const editAccountHref = (id: number): ResolvedPathname =>
	resolve('/(staff)/accounts/[id]/edit', { id: String(id) });

// The contacts area owns these pages.
export const contactHref = (id: number): ResolvedPathname =>
	resolve('/(staff)/contacts/[id]', { id: String(id) });
export const newContactHref = (accountId: number): ResolvedPathname =>
	resolve(`/(staff)/contacts/new?account=${accountId}`);

export const hostHref = (): ResolvedPathname => resolve('/(staff)/host');
export const newHostHref = (): ResolvedPathname => resolve('/(staff)/host/new');
export const editHostHref = (id: number): ResolvedPathname =>
	resolve('/(staff)/host/[id]/edit', { id: String(id) });
