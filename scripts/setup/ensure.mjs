// What `npm start` and `npm test` need before they can run, made ready on a fresh clone.
// Dependency-free on purpose: it runs before `node_modules` exists (node-check.cjs has already
// turned away a Node that is too old).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** @param {string} path */
function mtime(path) {
	try {
		return statSync(path).mtimeMs;
	} catch {
		return null;
	}
}

/** npm writes node_modules/.package-lock.json on every install: older than the lock = stale. */
export function dependenciesAreStale(dir = root) {
	const installed = mtime(join(dir, 'node_modules', '.package-lock.json'));
	const wanted = mtime(join(dir, 'package-lock.json'));
	return installed === null || (wanted !== null && wanted > installed);
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} [options]
 */
function run(command, args, options = {}) {
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
	if (result.error) {
		throw result.error;
	}
	return result.status ?? 1;
}

export function ensureDependencies() {
	if (!dependenciesAreStale()) {
		return;
	}
	console.log('Installing dependencies (npm ci; the first time builds better-sqlite3, ~2 min)…');
	if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) {
		console.error('npm ci failed; see the messages above.');
		process.exit(1);
	}
}

/** Everything the built app is made from; the generated Paraglide output is left out. */
const BUILD_INPUTS = [
	'src',
	'static',
	'messages',
	'migrations',
	'project.inlang/settings.json',
	'svelte.config.js',
	'vite.config.ts',
	'tsconfig.json',
	'package-lock.json'
];
const GENERATED = new Set(['src/lib/paraglide']);

/**
 * @param {string} dir
 * @returns {Generator<string>}
 */
function* files(dir) {
	const path = join(root, dir);
	if (!existsSync(path)) {
		return;
	}
	if (!statSync(path).isDirectory()) {
		yield dir;
		return;
	}
	for (const entry of readdirSync(path, { withFileTypes: true })) {
		const child = relative(root, join(path, entry.name)).split('\\').join('/');
		if (GENERATED.has(child)) {
			continue;
		}
		if (entry.isDirectory()) {
			yield* files(child);
		} else if (entry.isFile()) {
			yield child;
		}
	}
}

/** A content hash, not mtimes: a checkout or a copy rewrites mtimes without changing sources. */
export function sourcesHash() {
	const hash = createHash('sha256');
	for (const input of BUILD_INPUTS) {
		for (const file of [...files(input)].sort()) {
			hash
				.update(file)
				.update('\0')
				.update(readFileSync(join(root, file)))
				.update('\0');
		}
	}
	return hash.digest('hex');
}

export const buildDir = () => join(root, process.env.GALA_BUILD_DIR ?? 'build');
const stampFile = () => join(buildDir(), '.sources-sha256');

export function buildIsCurrent(hash = sourcesHash()) {
	const stamp = stampFile();
	return existsSync(join(buildDir(), 'index.js')) && existsSync(stamp)
		? readFileSync(stamp, 'utf8').trim() === hash
		: false;
}

export function ensureBuild() {
	const hash = sourcesHash();
	if (buildIsCurrent(hash)) {
		return false;
	}
	console.log('Building Gala (the sources changed since the last build)…');
	if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) {
		console.error('The build failed; see the messages above.');
		process.exit(1);
	}
	writeFileSync(stampFile(), hash + '\n');
	return true;
}

/** Debian packages the browser and PDF tests use, by the command or folder that proves each. */
const SYSTEM_PACKAGES = [
	{ name: 'chromium', present: () => onPath('chromium') },
	{ name: 'fonts-noto-cjk', present: () => existsSync('/usr/share/fonts/opentype/noto') },
	{ name: 'poppler-utils', present: () => onPath('pdftotext') },
	{ name: 'zbar-tools', present: () => onPath('zbarimg') }
];

/** @param {string} command */
function onPath(command) {
	return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export function ensureSystemPackages() {
	const missing = SYSTEM_PACKAGES.filter((p) => !p.present()).map((p) => p.name);
	if (missing.length === 0) {
		return;
	}
	const install = `apt-get install -y ${missing.join(' ')}`;
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
		console.error(`The tests need Debian packages that are missing. Run: sudo ${install}`);
		process.exit(1);
	}
	console.log(`Installing ${missing.join(', ')} (apt-get)…`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	if (
		run('apt-get', ['update', '-qq'], { env }) !== 0 ||
		run('sh', ['-c', `${install} -qq`], { env }) !== 0
	) {
		console.error(`apt-get failed. Run by hand: ${install}`);
		process.exit(1);
	}
}

// `node scripts/setup/ensure.mjs deps system` from shell scripts.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	for (const what of process.argv.slice(2)) {
		if (what === 'deps') {
			ensureDependencies();
		} else if (what === 'system') {
			ensureSystemPackages();
		} else if (what === 'build') {
			ensureBuild();
		} else {
			console.error(`unknown: ${what} (deps, system, build)`);
			process.exit(2);
		}
	}
}
