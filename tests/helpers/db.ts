import { createDb, type Db } from '$lib/server/db';
import { bundledMigrations, migrateToLatest } from '$lib/server/db/migrate';
import { nowIso } from '$lib/server/time';
import { hashPassword } from '$lib/server/auth/password';
import type { Role } from '$lib/server/db/schema';

/** A fresh in-memory database with every real migration applied. */
export async function createTestDb(): Promise<Db> {
	const db = createDb(':memory:');
	await migrateToLatest(db, bundledMigrations());
	return db;
}

let cheapHash: Promise<string> | null = null;

/** Factory: a staff user (password 'password123'). */
export async function newUser(
	db: Db,
	values: { email?: string; name?: string; role?: Role } = {}
): Promise<number> {
	cheapHash ??= hashPassword('password123');
	const now = nowIso();
	const row = await db
		.insertInto('user')
		.values({
			email: values.email ?? `user${Math.random().toString(36).slice(2)}@example.com`,
			name: values.name ?? '测试用户',
			role: values.role ?? 'organizer',
			password_hash: await cheapHash,
			locale: null,
			disabled_at: null,
			calendar_feed_token_hash: null,
			created_at: now,
			updated_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}
