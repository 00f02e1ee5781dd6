import { config } from '../config';

/**
 * Where to go after signing in: `next` only when it is a path on this site, checked the way a
 * browser reads it (backslashes as slashes, tabs and newlines dropped, dot segments resolved)
 * by parsing it against ORIGIN. Anything else, or anything odd, goes home.
 */
export function safeNextPath(next: string | null | undefined, origin = config.publicBaseUrl) {
	// Only a path; control characters and backslashes have no business in one.
	// eslint-disable-next-line no-control-regex
	if (!next || !next.startsWith('/') || /[\u0000-\u001f\u007f-\u009f\\]/.test(next)) {
		return '/';
	}
	let base: URL;
	let url: URL;
	try {
		base = new URL(origin);
		url = new URL(next, base);
	} catch {
		return '/';
	}
	const path = url.pathname + url.search + url.hash;
	// '/.//evil.example' resolves to the path '//evil.example', which a browser would read as a host.
	if (url.origin !== base.origin || !path.startsWith('/') || /^\/[/\\]/.test(path)) {
		return '/';
	}
	return path;
}
