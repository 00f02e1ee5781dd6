import {
	redirect,
	error,
	type Handle,
	type HandleServerError,
	type ServerInit
} from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getDb } from '$lib/server/db';
import { bundledMigrations, migrateToLatest } from '$lib/server/db/migrate';
import {
	deleteSessionTokenCookie,
	SESSION_COOKIE,
	setSessionTokenCookie,
	validateSessionToken
} from '$lib/server/auth/session';
import { decideAccess } from '$lib/server/auth/guard';
import { isCrossSiteForm } from '$lib/server/auth/csrf';
import { startBackgroundWork } from '$lib/server/background';

export const init: ServerInit = async () => {
	await migrateToLatest(getDb(), bundledMigrations());
	startBackgroundWork(getDb());
};

/** Kit's CSRF check, with the one-click unsubscribe exemption (see auth/csrf.ts). */
const handleCsrf: Handle = ({ event, resolve }) => {
	if (!import.meta.env.DEV && isCrossSiteForm(event.request, event.url)) {
		error(403, `Cross-site ${event.request.method} form submissions are forbidden`);
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
		error(401, 'Sign in first');
	}
	if (access === 'forbidden') {
		error(403, 'Forbidden');
	}
	return resolve(event);
};

const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('X-Frame-Options', 'DENY');
	// RSVP links carry their token in the path: never leak it to other sites. Not 'no-referrer':
	// with it Chromium sends `Origin: null` on form posts and SvelteKit's CSRF check refuses them.
	response.headers.set('Referrer-Policy', 'same-origin');
	return response;
};

export const handle = sequence(
	handleCsrf,
	handleLocale,
	handleSession,
	handleAccess,
	handleHeaders
);

export const handleError: HandleServerError = ({ error: err, status }) => {
	if (status !== 404) {
		console.error(err);
	}
	return { message: status === 404 ? 'Not found' : 'Something went wrong' };
};
