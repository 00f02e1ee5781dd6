import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Role } from '../db/schema';

const rank: Record<Role, number> = { viewer: 0, organizer: 1, admin: 2 };

export function hasRole(role: Role, needed: Role): boolean {
	return rank[role] >= rank[needed];
}

/** Pages anyone may open: sign-in, first-run set-up, and the guest pages reached from email. */
const PUBLIC_PREFIXES = ['/login', '/setup', '/rsvp/', '/feed/', '/healthz', '/unsubscribe/'];
/** Changes every signed-in user may make about themselves, whatever their role. */
const SELF_SERVICE = ['/logout', '/profile', '/locale'];

/** The path is one of the prefixes or lies below one ('/login' but not '/loginx'). */
function startsWithAny(pathname: string, prefixes: string[]): boolean {
	return prefixes.some((p) => {
		const base = p.replace(/\/$/, '');
		return pathname === base || pathname.startsWith(base + '/');
	});
}

export function isPublicPath(pathname: string): boolean {
	return startsWithAny(pathname, PUBLIC_PREFIXES);
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Dot segments resolved, repeated slashes collapsed, the `__data.json` suffix dropped. */
function tidy(decoded: string): string {
	const segments: string[] = [];
	for (const segment of decoded.split(/[/\\]+/)) {
		if (segment === '..') {
			segments.pop();
		} else if (segment !== '.' && segment !== '') {
			segments.push(segment);
		}
	}
	if (segments.at(-1) === '__data.json') {
		segments.pop();
	}
	return '/' + segments.join('/') + (/[/\\]$/.test(decoded) && segments.length ? '/' : '');
}

/**
 * The two readings of a request path the access check decides on, or null when its escapes do
 * not decode:
 * - `routed`: decoded as SvelteKit's router decodes it (every escape but %2F, %3F, %23 … and %25),
 *   so '/%61dmin/users' is '/admin/users', as the router will match it;
 * - `full`: every escape decoded, %2F included, so '/admin%2Fusers' is '/admin/users' too.
 * Both tidied (dot segments, repeated slashes, `__data.json`). A request is public only when both
 * readings are, and needs an administrator when either reaches /admin: no encoding can take it
 * past the check to a route the check would keep it from.
 */
export function readPath(raw: string): { routed: string; full: string } | null {
	try {
		return {
			routed: tidy(raw.split('%25').map(decodeURI).join('%25')),
			full: tidy(decodeURIComponent(raw))
		};
	} catch {
		return null;
	}
}

/** Whether a request path leads only to public pages (sign-in, set-up, guests' pages). */
export function isPublicRequestPath(raw: string): boolean {
	const path = readPath(raw);
	return path !== null && isPublicPath(path.routed) && isPublicPath(path.full);
}

const isAdminPath = (path: string) => path === '/admin' || path.startsWith('/admin/');

/**
 * The one place that decides who may do what, run by hooks.server.ts for every request:
 * signed out → sign-in page; /admin → admins; any change (non-GET) → organizers and admins,
 * except a user's own profile, language and sign-out.
 */
export type Access = 'allow' | 'sign-in' | 'forbidden';

export function decideAccess(rawPath: string, method: string, role: Role | null): Access {
	const path = readPath(rawPath);
	if (path === null) {
		return role ? 'forbidden' : 'sign-in';
	}
	const both = (test: (p: string) => boolean) => test(path.routed) && test(path.full);
	if (both(isPublicPath)) {
		return 'allow';
	}
	if (!role) {
		return 'sign-in';
	}
	if (isAdminPath(path.routed) || isAdminPath(path.full)) {
		return hasRole(role, 'admin') ? 'allow' : 'forbidden';
	}
	if (READ_METHODS.has(method) || both((p) => startsWithAny(p, SELF_SERVICE))) {
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
		error(403, m.error_forbidden());
	}
	return user;
}
