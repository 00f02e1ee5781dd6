/** What a badge QR holds and what the door's scanner hands back. Pure; no database. */

const CODE = /^[A-Za-z0-9_-]{4,64}$/;

/** The staff check-in link printed in a badge's QR code. */
export function checkinUrl(
	baseUrl: string,
	gatheringId: number,
	code: string,
	companion?: number
): string {
	const url = `${baseUrl.replace(/\/$/, '')}/gatherings/${gatheringId}/checkin?code=${encodeURIComponent(code)}`;
	return companion ? `${url}&companion=${companion}` : url;
}

export interface ScannedCode {
	code: string;
	/** The gathering named in a scanned link; null when only the bare code was typed. */
	gatheringId: number | null;
	/** Which named companion's badge it was (1-based), if any. */
	companion: number | null;
}

function positive(value: string | null): number | null {
	if (!value || !/^\d{1,6}$/.test(value)) {
		return null;
	}
	const n = Number(value);
	return n > 0 ? n : null;
}

/**
 * Accepts what a USB scanner types (the whole link, or just the code) or what a camera decodes.
 * Returns null for anything that is not a check-in code.
 */
export function parseScannedCode(input: string): ScannedCode | null {
	const text = input.trim();
	if (CODE.test(text)) {
		return { code: text, gatheringId: null, companion: null };
	}
	let url: URL;
	try {
		url = new URL(text, 'http://scan.invalid');
	} catch {
		return null;
	}
	const match = /\/gatherings\/(\d+)\/checkin\/?$/.exec(url.pathname);
	const code = url.searchParams.get('code');
	if (!match || !code || !CODE.test(code)) {
		return null;
	}
	return {
		code,
		gatheringId: Number(match[1]),
		companion: positive(url.searchParams.get('companion'))
	};
}
