import { cookieOptions } from '../http/cookies';
import type { Cookies } from '@sveltejs/kit';
import type { Executor } from '../db';
import type { Role } from '../db/schema';
import { DAY, nowIso } from '../time';
import * as repo from './repository';
import { generateToken, hashToken } from './tokens';

export const SESSION_COOKIE = 'gala_session';
const SESSION_LIFETIME = 30 * DAY;
const RENEW_WHEN_LEFT = 15 * DAY;

export interface SessionUser {
	id: number;
	email: string;
	name: string;
	role: Role;
	locale: string | null;
}

export interface ValidSession {
	id: string;
	userId: number;
	expiresAt: Date;
}

export function generateSessionToken(): string {
	return generateToken();
}

export async function createSession(
	db: Executor,
	token: string,
	userId: number
): Promise<ValidSession> {
	const session = {
		id: hashToken(token),
		userId,
		expiresAt: new Date(Date.now() + SESSION_LIFETIME)
	};
	await repo.insertSession(db, session.id, userId, session.expiresAt.toISOString());
	return session;
}

/** Looks the token up; expired sessions are deleted, and sessions are slid forward when half used. */
export async function validateSessionToken(
	db: Executor,
	token: string
): Promise<{ session: ValidSession; user: SessionUser } | null> {
	const sessionId = hashToken(token);
	const row = await repo.findSessionWithUser(db, sessionId);
	if (!row) {
		return null;
	}
	const expiresAt = new Date(row.expires_at);
	if (Date.now() >= expiresAt.getTime() || row.disabled_at) {
		await repo.deleteSession(db, sessionId);
		return null;
	}
	const session: ValidSession = { id: row.id, userId: row.user_id, expiresAt };
	if (expiresAt.getTime() - Date.now() < RENEW_WHEN_LEFT) {
		session.expiresAt = new Date(Date.now() + SESSION_LIFETIME);
		await repo.setSessionExpiry(db, sessionId, session.expiresAt.toISOString());
	}
	return {
		session,
		user: { id: row.user_id, email: row.email, name: row.name, role: row.role, locale: row.locale }
	};
}

export async function invalidateSession(db: Executor, sessionId: string): Promise<void> {
	await repo.deleteSession(db, sessionId);
}

/** Ends every session of the user, except `exceptSessionId` when given (the one in use). */
export async function invalidateUserSessions(
	db: Executor,
	userId: number,
	exceptSessionId: string | null = null
): Promise<void> {
	await repo.deleteUserSessions(db, userId, exceptSessionId);
}

export async function deleteExpiredSessions(db: Executor): Promise<void> {
	await repo.deleteSessionsExpiredBy(db, nowIso());
}

/** A new session for the user: its token for the cookie, and the session itself. */
export async function startSession(db: Executor, userId: number) {
	const token = generateSessionToken();
	const session = await createSession(db, token, userId);
	return { token, session };
}

export function setSessionTokenCookie(cookies: Cookies, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, cookieOptions({ httpOnly: true, expires: expiresAt }));
}

export function deleteSessionTokenCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, cookieOptions({ httpOnly: true }));
}
