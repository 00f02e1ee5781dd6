import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '$lib/server/db';
import { bundledMigrations, migrateToLatest } from '$lib/server/db/migrate';
import { newUser } from '../helpers/db';

const run = promisify(execFile);
let dir: string;
const open: Db[] = [];

async function freshFileDb(path: string): Promise<Db> {
	const db = createDb(path);
	open.push(db);
	await migrateToLatest(db, bundledMigrations());
	return db;
}

afterEach(async () => {
	await Promise.all(open.splice(0).map((db) => db.destroy()));
	if (dir) {
		rmSync(dir, { recursive: true, force: true });
	}
});

describe('npm run db:backup', () => {
	it('copies a live database consistently, and copying the file back restores it', async () => {
		dir = mkdtempSync(join(tmpdir(), 'gala-backup-'));
		const live = join(dir, 'gala.db');
		const backup = join(dir, 'backups', 'gala-backup.db');
		const db = await freshFileDb(live);
		for (let i = 0; i < 50; i++) {
			await newUser(db, { email: `u${i}@example.com` });
		}
		// The app keeps writing while the backup runs in another process.
		const writing = (async () => {
			for (let i = 50; i < 150; i++) {
				await newUser(db, { email: `u${i}@example.com` });
			}
		})();
		const { stdout } = await run('npx', ['tsx', 'scripts/db-backup.ts', backup], {
			env: { ...process.env, DATABASE_PATH: live }
		});
		await writing;
		expect(stdout).toContain('Backed up');

		const copy = await freshFileDb(backup);
		const copied = await copy.selectFrom('user').select('email').execute();
		expect(copied.length).toBeGreaterThanOrEqual(50);
		expect(copied.length).toBeLessThanOrEqual(150);

		// Restore: stop the app, copy the backup over the live file, start again.
		await db.destroy();
		open.splice(open.indexOf(db), 1);
		rmSync(`${live}-wal`, { force: true });
		rmSync(`${live}-shm`, { force: true });
		copyFileSync(backup, live);
		const restored = await freshFileDb(live);
		const rows = await restored.selectFrom('user').select('email').execute();
		expect(rows.length).toBe(copied.length);
	});

	it('refuses to overwrite an existing file', async () => {
		dir = mkdtempSync(join(tmpdir(), 'gala-backup-'));
		const live = join(dir, 'gala.db');
		await freshFileDb(live);
		const err = await run('npx', ['tsx', 'scripts/db-backup.ts', live], {
			env: { ...process.env, DATABASE_PATH: live }
		}).catch((e: { code: number; stderr: string }) => e);
		expect((err as { code: number }).code).toBe(1);
		expect((err as { stderr: string }).stderr).toContain('already exists');
	});
});
