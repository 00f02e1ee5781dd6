import { sql } from 'kysely';
import type { Executor } from '../db';
import { excluded, greatest, least, timesPowerOfTwo } from '../db/sql';
import type { IsoTime } from '../db/schema';

/*
 * Queries of sign-in: the credentials of a user, sessions, and the sign-in throttle. `auth`
 * reads the user table itself and imports nothing from `users` (which depends on `auth`).
 */

/** The user signing in, password hash included; `email` already lower-cased. */
export function findCredentials(db: Executor, email: string) {
	return db
		.selectFrom('user')
		.select(['id', 'email', 'name', 'role', 'locale', 'password_hash', 'disabled_at'])
		.where('email', '=', email)
		.executeTakeFirst();
}

export async function countUsers(db: Executor): Promise<number> {
	const row = await db
		.selectFrom('user')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function insertSession(db: Executor, id: string, userId: number, expiresAt: IsoTime) {
	await db.insertInto('session').values({ id, user_id: userId, expires_at: expiresAt }).execute();
}

export function findSessionWithUser(db: Executor, sessionId: string) {
	return db
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
}

export async function setSessionExpiry(db: Executor, sessionId: string, expiresAt: IsoTime) {
	await db
		.updateTable('session')
		.set({ expires_at: expiresAt })
		.where('id', '=', sessionId)
		.execute();
}

export async function deleteSession(db: Executor, sessionId: string) {
	await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

/** Every session of the user, except `exceptSessionId` when given. */
export async function deleteUserSessions(
	db: Executor,
	userId: number,
	exceptSessionId: string | null
) {
	let query = db.deleteFrom('session').where('user_id', '=', userId);
	if (exceptSessionId) {
		query = query.where('id', '!=', exceptSessionId);
	}
	await query.execute();
}

export async function deleteSessionsExpiredBy(db: Executor, now: IsoTime) {
	await db.deleteFrom('session').where('expires_at', '<=', now).execute();
}

/** One throttle key and its limits, as `takeThrottleAttempts` writes it. */
export interface ThrottleTake {
	key: string;
	free: number;
	maxLockMs: number;
}

/**
 * Takes one attempt on each key in a single INSERT … ON CONFLICT … RETURNING, so parallel
 * attempts each see the count the previous one left. A locked key keeps its row and refuses
 * (`allowed` 0); otherwise the failures count up (from 1 after a window of `windowMs` without
 * attempts) and, past the free ones, lock for `firstLockMs` doubled per attempt, up to the key's
 * longest lock.
 */
export function takeThrottleAttempts(
	db: Executor,
	keys: readonly ThrottleTake[],
	now: number,
	windowMs: number,
	firstLockMs: number
) {
	const locked = sql<boolean>`sign_in_throttle.locked_until > ${now}`;
	const stale = sql<boolean>`sign_in_throttle.updated_at < ${now - windowMs}`;
	const next = sql<number>`case when ${stale} then 1 else sign_in_throttle.failures + 1 end`;
	const free = excluded<number>('free_failures');
	const doublings = least(sql<number>`${next} - ${free} - 1`, 10);
	const lockEnd = sql<number>`case when ${next} > ${free}
		then ${now} + ${least(excluded<number>('max_lock_ms'), timesPowerOfTwo(firstLockMs, doublings))}
		else 0 end`;
	return db
		.insertInto('sign_in_throttle')
		.values(
			keys.map(({ key, free, maxLockMs }) => ({
				key,
				failures: 1,
				free_failures: free,
				max_lock_ms: maxLockMs,
				locked_until: 0,
				updated_at: now,
				allowed: 1
			}))
		)
		.onConflict((oc) =>
			oc.column('key').doUpdateSet({
				failures: sql`case when ${locked} then sign_in_throttle.failures else ${next} end`,
				locked_until: sql`case when ${locked} then sign_in_throttle.locked_until else ${lockEnd} end`,
				updated_at: sql`case when ${locked} then sign_in_throttle.updated_at else ${now} end`,
				free_failures: free,
				max_lock_ms: excluded<number>('max_lock_ms'),
				allowed: sql`case when ${locked} then 0 else 1 end`
			})
		)
		.returning(['allowed', 'locked_until'])
		.execute();
}

export async function deleteThrottleKeys(db: Executor, keys: readonly string[]) {
	await db.deleteFrom('sign_in_throttle').where('key', 'in', keys).execute();
}

/** One failure fewer on an unlocked key (never below 0). */
export async function forgiveThrottleFailure(db: Executor, key: string, now: number) {
	await db
		.updateTable('sign_in_throttle')
		.set({ failures: greatest(sql<number>`failures - 1`, 0) })
		.where('key', '=', key)
		.where('locked_until', '<=', now)
		.execute();
}

/**
 * Deletes the rows of windows that have ended: no attempt since `staleBefore` and no lock
 * running at `now`. Such a row counts as no row (the next attempt starts from 1). Returns how
 * many were deleted.
 */
export async function deleteEndedThrottleWindows(
	db: Executor,
	staleBefore: number,
	now: number
): Promise<number> {
	const result = await db
		.deleteFrom('sign_in_throttle')
		.where('updated_at', '<', staleBefore)
		.where('locked_until', '<=', now)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
