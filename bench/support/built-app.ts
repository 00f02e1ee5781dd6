/** The built app for benchmarks that load it over HTTP (bench/rsvp.ts, bench/directory.ts). */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export const buildDir = process.env.BENCH_BUILD_DIR ?? 'test-results/build-bench';

let built = false;

/** Builds the app into `buildDir` once per process (run-all runs several benchmarks on it). */
export function buildApp(): void {
	if (built || (process.env.BENCH_BUILD_DIR && existsSync(buildDir))) {
		return;
	}
	buildInto(buildDir, 'test-results/kit-bench');
}

/** `vite build` into `dir` (with SvelteKit's own files in `kitDir`), for benchmarks and tests. */
export function buildInto(dir: string, kitDir: string): void {
	console.log(`building the app into ${dir} …`);
	const result = spawnSync('node_modules/.bin/vite', ['build', '--logLevel', 'error'], {
		stdio: 'inherit',
		env: { ...process.env, GALA_BUILD_DIR: dir, GALA_KIT_DIR: kitDir }
	});
	if (result.status !== 0) {
		throw new Error('build failed');
	}
	built = true;
}

/** Resolves once `url` answers 2xx; fails if the server exits first or takes over 30 s. */
export async function waitFor(url: string, child: ChildProcess): Promise<void> {
	for (let i = 0; i < 300; i++) {
		if (child.exitCode !== null) {
			throw new Error(`${url}: server exited`);
		}
		try {
			if ((await fetch(url)).ok) {
				return;
			}
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`${url} did not come up`);
}

/**
 * A port nothing listens on now (the OS picks it), so benchmarks run beside other people's
 * servers on a shared machine; an environment variable can still fix it.
 */
export async function freePort(fixed?: string): Promise<number> {
	if (fixed) {
		return Number(fixed);
	}
	const { createServer } = await import('node:net');
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
	const { port } = probe.address() as import('node:net').AddressInfo;
	await new Promise<void>((resolve) => probe.close(() => resolve()));
	return port;
}
