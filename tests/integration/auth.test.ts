import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import {
	createSession,
	generateSessionToken,
	validateSessionToken
} from '$lib/server/auth/session';
import { signIn } from '$lib/server/auth/sign-in';
import { decideAccess } from '$lib/server/auth/guard';
import { DomainError } from '$lib/server/errors';
import { createFirstAdmin, createUser, setDisabled } from '$lib/server/users/service';
import { createTestDb, newUser } from '../helpers/db';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.destroy();
});

describe('sessions', () => {
	it('stores only the hash of the token and finds the user by the token', async () => {
		const userId = await newUser(db, { email: 'li@example.com' });
		const token = generateSessionToken();
		await createSession(db, token, userId);
		const rows = await db.selectFrom('session').selectAll().execute();
		expect(rows).toHaveLength(1);
		expect(rows[0].id).not.toContain(token);
		const found = await validateSessionToken(db, token);
		expect(found?.user.email).toBe('li@example.com');
		expect(await validateSessionToken(db, token + 'x')).toBeNull();
	});

	it('refuses an expired session and deletes it', async () => {
		const userId = await newUser(db);
		const token = generateSessionToken();
		const session = await createSession(db, token, userId);
		await db
			.updateTable('session')
			.set({ expires_at: new Date(Date.now() - 1000).toISOString() })
			.where('id', '=', session.id)
			.execute();
		expect(await validateSessionToken(db, token)).toBeNull();
		expect(await db.selectFrom('session').selectAll().execute()).toHaveLength(0);
	});

	it('slides the expiry forward when less than half is left', async () => {
		const userId = await newUser(db);
		const token = generateSessionToken();
		const session = await createSession(db, token, userId);
		const soon = new Date(Date.now() + 2 * 86_400_000).toISOString();
		await db
			.updateTable('session')
			.set({ expires_at: soon })
			.where('id', '=', session.id)
			.execute();
		const found = await validateSessionToken(db, token);
		expect(found!.session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
	});

	it('ends the sessions of a disabled user', async () => {
		const adminId = await newUser(db, { role: 'admin' });
		const userId = await newUser(db);
		const token = generateSessionToken();
		await createSession(db, token, userId);
		await setDisabled(db, userId, true, adminId);
		expect(await validateSessionToken(db, token)).toBeNull();
	});
});

describe('sign-in', () => {
	it('accepts the right password and refuses a wrong one', async () => {
		await createUser(db, {
			email: 'zhang@example.com',
			name: '张三',
			role: 'organizer',
			password: 'correct horse'
		});
		const user = await signIn(db, 'Zhang@Example.com ', 'correct horse', '127.0.0.1');
		expect(user.email).toBe('zhang@example.com');
		await expect(signIn(db, 'zhang@example.com', 'wrong', '127.0.0.1')).rejects.toThrow(
			'auth_bad_credentials'
		);
	});

	it('throttles after repeated failures, per account and per address', async () => {
		await createUser(db, {
			email: 'wang@example.com',
			name: '王五',
			role: 'viewer',
			password: 'correct horse'
		});
		for (let i = 0; i < 6; i++) {
			await signIn(db, 'wang@example.com', 'nope', '10.0.0.9').catch(() => undefined);
		}
		const err = await signIn(db, 'wang@example.com', 'correct horse', '10.0.0.10').catch((e) => e);
		expect(err).toBeInstanceOf(DomainError);
		expect((err as DomainError).messageKey).toBe('auth_throttled');
		expect(Number((err as DomainError).params.seconds)).toBeGreaterThan(0);
		const fromSameAddress = await signIn(db, 'other@example.com', 'x', '10.0.0.9').catch((e) => e);
		expect((fromSameAddress as DomainError).messageKey).toBe('auth_throttled');
	});

	it('creates the first admin only while there is no user', async () => {
		await createFirstAdmin(db, { email: 'a@example.com', name: 'A', password: 'password123' });
		await expect(
			createFirstAdmin(db, { email: 'b@example.com', name: 'B', password: 'password123' })
		).rejects.toThrow('error_setup_done');
	});
});

describe('access policy', () => {
	it('sends visitors to sign in, keeps viewers from changing data and non-admins from /admin', () => {
		expect(decideAccess('/accounts', 'GET', null)).toBe('sign-in');
		expect(decideAccess('/rsvp/abc', 'POST', null)).toBe('allow');
		expect(decideAccess('/accounts', 'GET', 'viewer')).toBe('allow');
		expect(decideAccess('/accounts/new', 'POST', 'viewer')).toBe('forbidden');
		expect(decideAccess('/accounts/new', 'POST', 'organizer')).toBe('allow');
		expect(decideAccess('/profile', 'POST', 'viewer')).toBe('allow');
		expect(decideAccess('/admin/users', 'GET', 'organizer')).toBe('forbidden');
		expect(decideAccess('/admin/users', 'POST', 'admin')).toBe('allow');
		expect(decideAccess('/rsvpx', 'GET', null)).toBe('sign-in');
	});
});
