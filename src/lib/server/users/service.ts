import { z } from 'zod';
import type { Db, Executor } from '../db';
import type { Locale, NewUser, Role } from '../db/schema';
import { ConflictError, DomainError, found } from '../errors';
import { hashPassword, PASSWORD_MIN_LENGTH, verifyPassword } from '../auth/password';
import { invalidateUserSessions } from '../auth/session';
import { needsSetup } from '../auth/sign-in';
import { nowIso } from '../time';
import { logChange } from '../activity/log';
import { requiredText } from '../text';
import * as users from './repository';

export const roles = ['admin', 'organizer', 'viewer'] as const satisfies readonly Role[];

export const passwordSchema = z
	.string()
	.min(PASSWORD_MIN_LENGTH, 'error_password_too_short')
	.max(200, 'error_too_long');

export const newUserSchema = z.object({
	email: z.string().trim().toLowerCase().max(200, 'error_too_long').email('error_email'),
	name: requiredText(100),
	role: z.enum(roles, 'error_choice'),
	password: passwordSchema
});
export type NewUserInput = z.infer<typeof newUserSchema>;

/**
 * Adds a user in one transaction with its history entry. `insert` writes the row and returns its
 * id, or null when it may not be written (then `refusal` is thrown and nothing is kept).
 */
async function addUser(
	db: Db,
	input: NewUserInput,
	byUserId: number | null,
	insert: (trx: Executor, row: NewUser) => Promise<number | null>,
	refusal: DomainError
) {
	const passwordHash = await hashPassword(input.password);
	return db.transaction().execute(async (trx) => {
		const now = nowIso();
		const id = await insert(trx, {
			email: input.email,
			name: input.name,
			role: input.role,
			password_hash: passwordHash,
			locale: null,
			disabled_at: null,
			calendar_feed_token_hash: null,
			created_at: now,
			updated_at: now
		});
		if (id === null) {
			throw refusal;
		}
		await logChange(
			trx,
			byUserId,
			'user.created',
			{ type: 'user', id },
			{ email: input.email, role: input.role }
		);
		return id;
	});
}

export async function createUser(db: Db, input: NewUserInput, byUserId: number | null = null) {
	const insertNew = async (trx: Executor, row: NewUser) =>
		(await users.findUserByEmail(trx, row.email)) ? null : users.insertUser(trx, row);
	return addUser(db, input, byUserId, insertNew, new ConflictError('error_email_taken'));
}

/**
 * The first admin may be created only while no user exists at all. The check and the insert are
 * one statement, so of several set-ups sent at once exactly one wins; the others get
 * 'error_setup_done'.
 */
export async function createFirstAdmin(db: Db, input: Omit<NewUserInput, 'role'>) {
	if (!(await needsSetup(db))) {
		throw new ConflictError('error_setup_done');
	}
	const admin = { ...input, role: 'admin' as const };
	return addUser(db, admin, null, users.insertFirstUser, new ConflictError('error_setup_done'));
}

/**
 * A new password ends every other session of the user (a thief's included); the session it was
 * changed from, `keepSessionId`, stays signed in.
 */
export async function changeOwnPassword(
	db: Db,
	userId: number,
	current: string,
	next: string,
	keepSessionId: string | null
): Promise<void> {
	const user = found(await users.findUserById(db, userId));
	if (!(await verifyPassword(user.password_hash, current))) {
		throw new DomainError('error_password_wrong');
	}
	const passwordHash = await hashPassword(next);
	await db.transaction().execute(async (trx) => {
		await users.updateUser(trx, userId, { password_hash: passwordHash, updated_at: nowIso() });
		await invalidateUserSessions(trx, userId, keepSessionId);
		await logChange(trx, userId, 'user.password_changed', { type: 'user', id: userId });
	});
}

export async function resetPassword(db: Db, userId: number, next: string, byUserId: number) {
	const passwordHash = await hashPassword(next);
	await db.transaction().execute(async (trx) => {
		await users.updateUser(trx, userId, {
			password_hash: passwordHash,
			updated_at: nowIso()
		});
		await invalidateUserSessions(trx, userId);
		await logChange(trx, byUserId, 'user.password_reset', { type: 'user', id: userId });
	});
}

export async function setDisabled(db: Db, userId: number, disabled: boolean, byUserId: number) {
	if (userId === byUserId && disabled) {
		throw new DomainError('error_cannot_disable_self');
	}
	await db.transaction().execute(async (trx) => {
		await users.updateUser(trx, userId, {
			disabled_at: disabled ? nowIso() : null,
			updated_at: nowIso()
		});
		if (disabled) {
			await invalidateUserSessions(trx, userId);
		}
		await logChange(trx, byUserId, disabled ? 'user.disabled' : 'user.enabled', {
			type: 'user',
			id: userId
		});
	});
}

export async function setRole(db: Db, userId: number, role: Role, byUserId: number) {
	if (userId === byUserId && role !== 'admin') {
		throw new DomainError('error_cannot_demote_self');
	}
	await db.transaction().execute(async (trx) => {
		await users.updateUser(trx, userId, { role, updated_at: nowIso() });
		await logChange(trx, byUserId, 'user.role_changed', { type: 'user', id: userId }, { role });
	});
}

export async function setUserLocale(db: Db, userId: number, locale: Locale) {
	await users.updateUser(db, userId, { locale });
}

/** Everyone who may sign in or has, for the administrators' list (no password hashes). */
export function listUsers(db: Executor) {
	return users.listUsers(db);
}

/** The users a record can be given to (account manager, a host person's login): not disabled. */
export function listAssignableUsers(db: Executor) {
	return users.listActiveUsers(db);
}
