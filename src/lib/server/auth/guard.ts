import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Role } from '../db/schema';

const rank: Record<Role, number> = { viewer: 0, organizer: 1, admin: 2 };

export function hasRole(role: Role, needed: Role): boolean {
	return rank[role] >= rank[needed];
}

/** Pages anyone may open: sign-in, first-run set-up, and the guest pages reached from email. */
const PUBLIC_PREFIXES = ['/login', '/setup', '/rsvp/', '/feed/', '/healthz', '/unsubscribe/'];
/** Changes every signed-in user may make about themselves, whatever their role. */
const SELF_SERVICE = ['/logout', '/profile', '/locale'];

function startsWithAny(pathname: string, prefixes: string[]): boolean {
	return prefixes.some((p) => pathname === p.replace(/\/$/, '') || pathname.startsWith(p));
}

export function isPublicPath(pathname: string): boolean {
	return startsWithAny(pathname, PUBLIC_PREFIXES);
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one place that decides who may do what, run by hooks.server.ts for every request:
 * signed out → sign-in page; /admin → admins; any change (non-GET) → organizers and admins,
 * except a user's own profile, language and sign-out.
 */
export type Access = 'allow' | 'sign-in' | 'forbidden';

export function decideAccess(pathname: string, method: string, role: Role | null): Access {
	if (isPublicPath(pathname)) {
		return 'allow';
	}
	if (!role) {
		return 'sign-in';
	}
	if (pathname === '/admin' || pathname.startsWith('/admin/')) {
		return hasRole(role, 'admin') ? 'allow' : 'forbidden';
	}
	if (READ_METHODS.has(method) || startsWithAny(pathname, SELF_SERVICE)) {
		return 'allow';
	}
	return hasRole(role, 'organizer') ? 'allow' : 'forbidden';
}

/** For loads and actions that need a stricter role than the path implies. */
export function requireRole(event: RequestEvent, role: Role) {
	const user = event.locals.user;
	if (!user) {
		redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
	}
	if (!hasRole(user.role, role)) {
		error(403, 'Forbidden');
	}
	return user;
}
