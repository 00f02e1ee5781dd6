import { cookieOptions } from '../http/cookies';
import type { Cookies } from '@sveltejs/kit';
import type { Executor } from '../db';
import type { Role } from '../db/schema';
import { DAY, nowIso } from '../time';
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
	await db
		.insertInto('session')
		.values({ id: session.id, user_id: userId, expires_at: session.expiresAt.toISOString() })
		.execute();
	return session;
}

/** Looks the token up; expired sessions are deleted, and sessions are slid forward when half used. */
export async function validateSessionToken(
	db: Executor,
	token: string
): Promise<{ session: ValidSession; user: SessionUser } | null> {
	const sessionId = hashToken(token);
	const row = await db
		.selectFrom('session')
		.innerJoin('user', 'user.id', 'session.user_id')
		.select([
			'session.id',
			'session.user_id',
			'session.expires_at',
			'user.email',
			'user.name',
			'user.role',
			'user.locale',
			'user.disabled_at'
		])
		.where('session.id', '=', sessionId)
		.executeTakeFirst();
	if (!row) {
		return null;
	}
	const expiresAt = new Date(row.expires_at);
	if (Date.now() >= expiresAt.getTime() || row.disabled_at) {
		await db.deleteFrom('session').where('id', '=', sessionId).execute();
		return null;
	}
	const session: ValidSession = { id: row.id, userId: row.user_id, expiresAt };
	if (expiresAt.getTime() - Date.now() < RENEW_WHEN_LEFT) {
		session.expiresAt = new Date(Date.now() + SESSION_LIFETIME);
		await db
			.updateTable('session')
			.set({ expires_at: session.expiresAt.toISOString() })
			.where('id', '=', sessionId)
			.execute();
	}
	return {
		session,
		user: { id: row.user_id, email: row.email, name: row.name, role: row.role, locale: row.locale }
	};
}

export async function invalidateSession(db: Executor, sessionId: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

/** Ends every session of the user, except `exceptSessionId` when given (the one in use). */
export async function invalidateUserSessions(
	db: Executor,
	userId: number,
	exceptSessionId: string | null = null
): Promise<void> {
	let query = db.deleteFrom('session').where('user_id', '=', userId);
	if (exceptSessionId) {
		query = query.where('id', '!=', exceptSessionId);
	}
	await query.execute();
}

export async function deleteExpiredSessions(db: Executor): Promise<void> {
	await db.deleteFrom('session').where('expires_at', '<=', nowIso()).execute();
}

export function setSessionTokenCookie(cookies: Cookies, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, cookieOptions({ httpOnly: true, expires: expiresAt }));
}

export function deleteSessionTokenCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, cookieOptions({ httpOnly: true }));
}
