import {
	redirect,
	error,
	type Handle,
	type HandleServerError,
	type ServerInit
} from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { extractLocaleFromRequest } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { bundledMigrations, migrateToLatest } from '$lib/server/db/migrate';
import {
	deleteSessionTokenCookie,
	SESSION_COOKIE,
	setSessionTokenCookie,
	validateSessionToken
} from '$lib/server/auth/session';
import { decideAccess, isPublicRequestPath } from '$lib/server/auth/guard';
import { isCrossSiteForm } from '$lib/server/auth/csrf';
import { bodyTooLargeMessage, guardFormData } from '$lib/server/http/body';
import { SECURITY_HEADERS } from '$lib/server/http/security-headers.js';
import { startBackgroundWork } from '$lib/server/background';

export const init: ServerInit = async () => {
	await migrateToLatest(getDb(), bundledMigrations());
	startBackgroundWork(getDb());
};

/** Kit's CSRF check, with the one-click unsubscribe exemption (see auth/csrf.ts). */
const handleCsrf: Handle = ({ event, resolve }) => {
	if (!import.meta.env.DEV && isCrossSiteForm(event.request, event.url)) {
		error(
			403,
			m.security_error_cross_site_form(
				{ method: event.request.method },
				// Before handleLocale: the language comes from the request itself.
				{ locale: extractLocaleFromRequest(event.request) }
			)
		);
	}
	return resolve(event);
};

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

/** A body that is cut off or too large becomes a clear 400/413, not a 500 (see http/body.ts). */
const handleBody: Handle = ({ event, resolve }) => {
	guardFormData(event.request);
	return resolve(event);
};

const handleSession: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	if (token) {
		const result = await validateSessionToken(getDb(), token);
		if (result) {
			setSessionTokenCookie(event.cookies, token, result.session.expiresAt);
			event.locals.user = result.user;
			event.locals.session = result.session;
		} else {
			deleteSessionTokenCookie(event.cookies);
		}
	}
	return resolve(event);
};

const handleAccess: Handle = async ({ event, resolve }) => {
	const access = decideAccess(
		event.url.pathname,
		event.request.method,
		event.locals.user?.role ?? null
	);
	if (access === 'sign-in') {
		if (event.request.method === 'GET' || event.request.method === 'HEAD') {
			const next = event.url.pathname + event.url.search;
			redirect(303, `/login?next=${encodeURIComponent(next)}`);
		}
		error(401, m.security_error_sign_in_first());
	}
	if (access === 'forbidden') {
		error(403, m.error_forbidden());
	}
	return resolve(event);
};

/**
 * Outermost, so every response made through SvelteKit carries the headers. Redirects and errors
 * thrown by a hook, and the static files adapter-node serves before SvelteKit, get the same
 * headers from the server entry svelte.config.js writes (see security-headers.js).
 * Staff pages, their data and their downloads are never kept by a browser or proxy cache.
 */
const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		response.headers.set(name, value);
	}
	if (!isPublicRequestPath(event.url.pathname)) {
		response.headers.set('Cache-Control', 'no-store');
	}
	return response;
};

export const handle = sequence(
	handleHeaders,
	handleCsrf,
	handleLocale,
	handleBody,
	handleSession,
	handleAccess
);

export const handleError: HandleServerError = ({ error: err, event, status }) => {
	// A body over BODY_SIZE_LIMIT read by something other than formData(): say the limit.
	if (status === 413) {
		return { message: bodyTooLargeMessage() };
	}
	if (status !== 404) {
		console.error(err);
	}
	// Outside handleLocale when a hook before it failed: the language comes from the request.
	const locale = extractLocaleFromRequest(event.request);
	return {
		message:
			status === 404 ? m.error_not_found({}, { locale }) : m.error_page_generic({}, { locale })
	};
};
