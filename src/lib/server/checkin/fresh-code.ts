import type { Executor } from '../db';
import { generateToken } from '../auth/tokens';
import { codeExists } from './repository';

/**
 * A new check-in code for a badge, the one maker for guest lists and walk-ins alike: the first 16
 * characters of a 160-bit base32 token (80 random bits), so every code fits the scanner's
 * pattern. The unique index is the final guard.
 */
export async function freshCheckinCode(db: Executor): Promise<string> {
	for (;;) {
		const code = generateToken().slice(0, 16);
		if (!(await codeExists(db, code))) {
			return code;
		}
	}
}
