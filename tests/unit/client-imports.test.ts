import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Code that runs in the browser must never import `$lib/server` (SvelteKit refuses some of it at
// build time, but a type-only import slips through and ties pages to server internals). The
// walk starts at every file that can run in the browser and follows its imports of project
// modules, so a page that imports a route helper that imports the server is caught too.

const root = resolve(__dirname, '../..');
const src = join(root, 'src');
const lib = join(src, 'lib');
const server = join(lib, 'server');
const generated = join(lib, 'paraglide');

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? walk(path) : [path];
	});
}

/** Module specifiers a source file imports or re-exports (static or dynamic). */
export function importsOf(code: string): string[] {
	const found = new Set<string>();
	const patterns = [
		/\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
		/\bimport\s*['"]([^'"]+)['"]/g,
		/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g
	];
	for (const pattern of patterns) {
		for (const match of code.matchAll(pattern)) {
			found.add(match[1]);
		}
	}
	return [...found];
}

/** Files whose code SvelteKit only runs on the server. */
const serverOnly = (path: string): boolean =>
	path.startsWith(server + '/') ||
	/\.server\.(ts|js)$/.test(path) ||
	/(^|\/)\+server\.(ts|js)$/.test(path) ||
	path.endsWith('/app.d.ts');

function isBrowserEntry(path: string): boolean {
	if (serverOnly(path) || path.startsWith(generated + '/')) {
		return false;
	}
	if (path.endsWith('.svelte')) {
		return true;
	}
	if (/(^|\/)(\+page|\+layout|hooks\.client)\.(ts|js)$/.test(path)) {
		return true;
	}
	// Any `$lib` module outside `$lib/server` is one a page may import.
	return path.startsWith(lib + '/') && /\.(ts|js)$/.test(path) && !path.endsWith('.d.ts');
}

/** The project file a specifier names, or null for packages, `$app/…` and generated code. */
function resolveImport(from: string, spec: string): string | null {
	let base: string;
	if (spec === '$lib' || spec.startsWith('$lib/')) {
		base = join(lib, spec.slice('$lib'.length));
	} else if (spec.startsWith('.')) {
		base = resolve(dirname(from), spec);
	} else {
		return null;
	}
	const tries = [
		base,
		base.replace(/\.js$/, '.ts'),
		`${base}.ts`,
		`${base}.js`,
		join(base, 'index.ts'),
		join(base, 'index.js')
	];
	return tries.find((p) => existsSync(p) && statSync(p).isFile()) ?? null;
}

const importsServer = (spec: string): boolean =>
	spec === '$lib/server' || spec.startsWith('$lib/server/');

/** Every browser file's path to a `$lib/server` import, as "a → b → $lib/server/x". */
function serverImportsFromBrowser(): string[] {
	const entries = walk(src).filter(isBrowserEntry);
	const problems: string[] = [];
	const seen = new Set<string>();
	const queue: { file: string; chain: string[] }[] = entries.map((file) => ({
		file,
		chain: [relative(root, file)]
	}));
	while (queue.length > 0) {
		const { file, chain } = queue.shift()!;
		if (seen.has(file)) {
			continue;
		}
		seen.add(file);
		if (!/\.(svelte|ts|js)$/.test(file) || file.startsWith(generated + '/')) {
			continue;
		}
		for (const spec of importsOf(readFileSync(file, 'utf8'))) {
			const target = resolveImport(file, spec);
			if (importsServer(spec) || (target !== null && serverOnly(target))) {
				problems.push([...chain, spec].join(' → '));
			} else if (target !== null && !seen.has(target)) {
				queue.push({ file: target, chain: [...chain, relative(root, target)] });
			}
		}
	}
	return problems;
}

describe('code that runs in the browser', () => {
	it('finds server imports in type, value, re-export and dynamic forms', () => {
		const svelte = `<script lang="ts">
	import type { Tier } from '$lib/server/db/schema';
	import {
		a,
		b
	} from './labels';
	export { c } from '../x.js';
	const lazy = import('$lib/server/pdf');
</script>`;
		expect(importsOf(svelte)).toEqual(
			expect.arrayContaining(['$lib/server/db/schema', './labels', '../x.js', '$lib/server/pdf'])
		);
		expect(importsOf(`import '$lib/server/side-effect';`)).toEqual(['$lib/server/side-effect']);
	});

	it('never imports $lib/server, directly or through a project module', () => {
		expect(serverImportsFromBrowser()).toEqual([]);
	});
});
