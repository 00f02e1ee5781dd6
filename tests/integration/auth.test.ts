import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import {
	createSession,
	generateSessionToken,
	validateSessionToken
} from '$lib/server/auth/session';
import { signIn } from '$lib/server/auth/sign-in';
import { pruneSignInThrottle } from '$lib/server/auth/throttle';
import { decideAccess } from '$lib/server/auth/guard';
import { DomainError } from '$lib/server/errors';
import {
	changeOwnPassword,
	createFirstAdmin,
	createUser,
	setDisabled
} from '$lib/server/users/service';
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

	it('throttles repeated failures on one account from one address, not the owner elsewhere', async () => {
		await createUser(db, {
			email: 'wang@example.com',
			name: '王五',
			role: 'viewer',
			password: 'correct horse'
		});
		for (let i = 0; i < 6; i++) {
			await signIn(db, 'wang@example.com', 'nope', '10.0.0.9').catch(() => undefined);
		}
		const err = await signIn(db, 'wang@example.com', 'correct horse', '10.0.0.9').catch((e) => e);
		expect(err).toBeInstanceOf(DomainError);
		expect((err as DomainError).messageKey).toBe('auth_throttled');
		expect(Number((err as DomainError).params.seconds)).toBeGreaterThan(0);
		const owner = await signIn(db, 'wang@example.com', 'correct horse', '10.0.0.10');
		expect(owner.email).toBe('wang@example.com');
	});

	it('creates the first admin only while there is no user', async () => {
		await createFirstAdmin(db, { email: 'a@example.com', name: 'A', password: 'password123' });
		await expect(
			createFirstAdmin(db, { email: 'b@example.com', name: 'B', password: 'password123' })
		).rejects.toThrow('error_setup_done');
	});
});

describe('sign-in throttle rows', () => {
	it('deletes the rows of windows that have ended and keeps the live ones', async () => {
		for (const address of ['10.5.0.1', '10.5.0.2']) {
			await signIn(db, 'nobody@example.com', 'guess', address).catch(() => undefined);
		}
		const keys = () =>
			db
				.selectFrom('sign_in_throttle')
				.select('key')
				.orderBy('key')
				.execute()
				.then((rows) => rows.map((r) => r.key));
		const live = await keys();
		expect(live.length).toBeGreaterThan(2);
		// The first address's rows last saw an attempt an hour ago: its window has ended.
		await db
			.updateTable('sign_in_throttle')
			.set({ updated_at: Date.now() - 3_600_000 })
			.where('key', 'like', '%10.5.0.1')
			.execute();
		const pruned = await pruneSignInThrottle(db);
		expect(pruned).toBe(2);
		expect(await keys()).toEqual(live.filter((k) => !k.endsWith('10.5.0.1')));
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

describe('sign-in throttle under a parallel burst', () => {
	const outcome = (p: Promise<unknown>) =>
		p.then(
			() => 'signed-in',
			(e: unknown) => (e instanceof DomainError ? e.messageKey : String(e))
		);

	it('checks only a handful of 200 parallel wrong passwords from one address', async () => {
		await newUser(db, { email: 'burst@example.com' });
		const results = await Promise.all(
			Array.from({ length: 200 }, () =>
				outcome(signIn(db, 'burst@example.com', 'wrong-guess', '203.0.113.7'))
			)
		);
		const checked = results.filter((r) => r === 'auth_bad_credentials').length;
		expect(checked).toBeGreaterThan(0);
		expect(checked).toBeLessThanOrEqual(6);
		expect(results.filter((r) => r === 'auth_throttled')).toHaveLength(200 - checked);
	});

	it('does not let 19 wrong and 1 right password in parallel sign in', async () => {
		await newUser(db, { email: 'mixed@example.com' });
		const attempts = [...Array.from({ length: 19 }, (_, i) => `wrong-${i}`), 'password123'].map(
			(password) => outcome(signIn(db, 'mixed@example.com', password, '203.0.113.8'))
		);
		const results = await Promise.all(attempts);
		expect(results.at(-1)).toBe('auth_throttled');
		expect(results).not.toContain('signed-in');
	});

	it('stops one address from spraying passwords over many accounts', async () => {
		const results = await Promise.all(
			Array.from({ length: 100 }, (_, i) =>
				outcome(signIn(db, `spray${i}@example.com`, 'Summer2026!', '198.51.100.9'))
			)
		);
		expect(results.filter((r) => r === 'auth_bad_credentials').length).toBeLessThanOrEqual(21);
		expect(results.filter((r) => r === 'auth_throttled').length).toBeGreaterThanOrEqual(79);
	});

	it("a stranger's failures do not lock the owner out from the owner's own address", async () => {
		await newUser(db, { email: 'owner@example.com' });
		await Promise.all(
			Array.from({ length: 40 }, () =>
				outcome(signIn(db, 'owner@example.com', 'guess', '192.0.2.66'))
			)
		);
		const owner = await signIn(db, 'owner@example.com', 'password123', '10.1.2.3');
		expect(owner.email).toBe('owner@example.com');
	});

	it('slows a guesser spread over many addresses, but only briefly', async () => {
		await newUser(db, { email: 'target@example.com' });
		for (let i = 0; i < 60; i++) {
			await outcome(signIn(db, 'target@example.com', `guess-${i}`, `10.9.${i}.1`));
		}
		const err = await signIn(db, 'target@example.com', 'password123', '10.1.2.3').catch(
			(e: unknown) => e
		);
		expect((err as DomainError).messageKey).toBe('auth_throttled');
		expect(Number((err as DomainError).params.seconds)).toBeLessThanOrEqual(60);
	});
});

describe('password change and first run', () => {
	it('ends the other sessions when a user changes their password, keeping this one', async () => {
		const userId = await newUser(db, { email: 'chen@example.com' });
		const here = generateSessionToken();
		const there = generateSessionToken();
		const hereSession = await createSession(db, here, userId);
		await createSession(db, there, userId);
		await changeOwnPassword(db, userId, 'password123', 'a-new-password', hereSession.id);
		expect(await validateSessionToken(db, there)).toBeNull();
		expect((await validateSessionToken(db, here))?.user.id).toBe(userId);
		expect((await signIn(db, 'chen@example.com', 'a-new-password', '127.0.0.1')).id).toBe(userId);
	});

	it('lets only one of five parallel first-run set-ups create an admin', async () => {
		const results = await Promise.allSettled(
			Array.from({ length: 5 }, (_, i) =>
				createFirstAdmin(db, {
					email: `first${i}@example.com`,
					name: `管理员${i}`,
					password: 'password123'
				})
			)
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		for (const r of results.filter((r) => r.status === 'rejected')) {
			expect((r as PromiseRejectedResult).reason).toBeInstanceOf(DomainError);
			expect(((r as PromiseRejectedResult).reason as DomainError).messageKey).toBe(
				'error_setup_done'
			);
		}
		const admins = await db.selectFrom('user').select('role').execute();
		expect(admins).toEqual([{ role: 'admin' }]);
	});
});
