import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dependenciesAreStale } from '../../scripts/setup/ensure.mjs';

const require = createRequire(import.meta.url);
const { nodeIsSupported, unsupportedNodeMessage } = require('../../scripts/setup/node-check.cjs');

describe('the Node.js version check that runs before npm start and npm test', () => {
	it('accepts the versions vite and Gala support and refuses the rest', () => {
		for (const v of ['20.19.0', '20.20.2', '22.12.0', '23.1.0', '24.0.0']) {
			expect(nodeIsSupported(v), v).toBe(true);
		}
		for (const v of ['16.20.2', '18.20.4', '20.18.1', '21.7.3', '22.11.0']) {
			expect(nodeIsSupported(v), v).toBe(false);
		}
	});

	it('says in one line which version to install', () => {
		const message = unsupportedNodeMessage('18.20.4');
		expect(message).toContain('18.20.4');
		expect(message).toContain('20.19');
		expect(message).not.toContain('\n');
	});

	it('lets the current Node through silently', () => {
		const out = execFileSync(process.execPath, ['scripts/setup/node-check.cjs'], {
			encoding: 'utf8'
		});
		expect(out).toBe('');
	});
});

describe('deciding whether npm ci must run', () => {
	function project(): string {
		const dir = mkdtempSync(join(tmpdir(), 'gala-setup-'));
		writeFileSync(join(dir, 'package-lock.json'), '{}');
		return dir;
	}

	it('installs when node_modules is missing', () => {
		expect(dependenciesAreStale(project())).toBe(true);
	});

	it('installs when the lock file is newer than the last install, and not otherwise', () => {
		const dir = project();
		mkdirSync(join(dir, 'node_modules'));
		const hidden = join(dir, 'node_modules', '.package-lock.json');
		writeFileSync(hidden, '{}');
		const lock = join(dir, 'package-lock.json');
		utimesSync(lock, new Date('2026-01-01'), new Date('2026-01-01'));
		utimesSync(hidden, new Date('2026-01-02'), new Date('2026-01-02'));
		expect(dependenciesAreStale(dir)).toBe(false);
		utimesSync(lock, new Date('2026-01-03'), new Date('2026-01-03'));
		expect(dependenciesAreStale(dir)).toBe(true);
	});
});
