import type { Db } from '../db';
import { DomainError } from '../errors';
import { hashPassword, verifyPassword } from './password';
import { countUsers, findCredentials } from './repository';
import { startSession } from './session';
import { clearAttempts, takeAttempt, throttleKeys } from './throttle';

let dummyHash: Promise<string> | null = null;

/**
 * Checks the credentials, throttled per client address and per account (see throttle.ts). The
 * attempt is taken before the password hash is checked, so parallel attempts cannot slip past the
 * limit. Unknown emails cost the same argon2 work as known ones, so timing does not reveal who has
 * an account.
 */
export async function signIn(db: Db, email: string, password: string, address: string) {
	const keys = throttleKeys(email, address);
	const wait = await takeAttempt(db, keys);
	if (wait > 0) {
		throw new DomainError('auth_throttled', { seconds: wait }, 429);
	}
	const user = await findCredentials(db, email.trim().toLowerCase());
	dummyHash ??= hashPassword('not-a-real-password');
	const valid = await verifyPassword(user?.password_hash ?? (await dummyHash), password);
	if (!user || !valid) {
		throw new DomainError('auth_bad_credentials');
	}
	if (user.disabled_at) {
		throw new DomainError('auth_disabled', {}, 403);
	}
	await clearAttempts(db, keys);
	return user;
}

/** The sign-in form: checks the credentials and starts a session for the cookie. */
export async function signInAndStartSession(
	db: Db,
	email: string,
	password: string,
	address: string
) {
	const user = await signIn(db, email, password, address);
	const { token, session } = await startSession(db, user.id);
	return { user: { id: user.id, locale: user.locale }, token, session };
}

/** Gala has no user yet: the first visit goes to set-up instead of sign-in. */
export async function needsSetup(db: Db): Promise<boolean> {
	return (await countUsers(db)) === 0;
}
