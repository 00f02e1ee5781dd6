import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** 160 random bits, URL-safe. Used for session cookies, RSVP links and calendar feeds. */
export function generateToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** `count` tokens like generateToken's, from one draw of random bytes (bulk sends). */
export function generateTokens(count: number): string[] {
	const bytes = new Uint8Array(20 * count);
	for (let i = 0; i < bytes.length; i += 65536) {
		// getRandomValues fills at most 65,536 bytes a call.
		crypto.getRandomValues(bytes.subarray(i, i + 65536));
	}
	return Array.from({ length: count }, (_, i) =>
		encodeBase32LowerCaseNoPadding(bytes.subarray(20 * i, 20 * i + 20))
	);
}

/** Tokens are stored only as this hash, so a copy of the database opens no link. */
export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}
