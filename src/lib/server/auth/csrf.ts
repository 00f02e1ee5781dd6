/**
 * SvelteKit's cross-site form check, kept here instead of in Kit (svelte.config.js trusts '*' so
 * Kit skips it) for one reason: RFC 8058 one-click unsubscribe. A mail client POSTs
 * `List-Unsubscribe=One-Click` to the link in the header from its own servers, without an Origin;
 * Kit would refuse it. The token in the path is the only authority such a request carries, and it
 * can only stop greetings to its own contact, so /unsubscribe/ is exempt. Everything else is
 * checked exactly as Kit does.
 */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isCrossSiteForm(request: Request, url: URL): boolean {
	if (!UNSAFE.has(request.method) || url.pathname.startsWith('/unsubscribe/')) {
		return false;
	}
	const type = request.headers.get('content-type')?.split(';', 1)[0].trim().toLowerCase() ?? '';
	if (!FORM_TYPES.includes(type)) {
		return false;
	}
	return request.headers.get('origin') !== url.origin;
}
