import type { Executor } from '../db';
import { generateToken } from '../auth/tokens';
import { codeExists } from './repository';

/**
 * A new check-in code, made as check-in's walk-ins make theirs (src/lib/server/checkin/walk-in.ts:
 * the first 16 characters of a 160-bit base32 token, i.e. 80 random bits) so every code on a
 * badge looks alike and fits the scanner's pattern. The unique index is the final guard.
 */
export async function freshCheckinCode(db: Executor): Promise<string> {
	for (;;) {
		const code = generateToken().slice(0, 16);
		if (!(await codeExists(db, code))) {
			return code;
		}
	}
}
