/**
 * Headers every response of Gala carries: pages, data, files, redirects, error pages and the static
 * files adapter-node serves before SvelteKit's hooks run. Plain JavaScript, because svelte.config.js
 * (which writes the server entry that sets them on static files) imports it too.
 * The Content-Security-Policy is SvelteKit's (`kit.csp` in svelte.config.js), on every page.
 */
export const SECURITY_HEADERS = Object.freeze({
	'X-Content-Type-Options': 'nosniff',
	'X-Frame-Options': 'DENY',
	// RSVP links carry their token in the path: never leak it to other sites. Not 'no-referrer':
	// with it Chromium sends `Origin: null` on form posts and SvelteKit's CSRF check refuses them.
	'Referrer-Policy': 'same-origin'
});
