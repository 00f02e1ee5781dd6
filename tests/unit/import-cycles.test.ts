import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const server = join(root, 'src/lib/server');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) {
			return sourceFiles(path);
		}
		return /\.(ts|js)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
	});
}

/** The files a module imports statically (`import … from`, `export … from`), resolved. */
function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const specifiers = [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map(
		(m) => m[1]
	);
	return specifiers.flatMap((spec) => {
		const base = spec.startsWith('$lib/')
			? join(root, 'src/lib', spec.slice(5))
			: spec.startsWith('.')
				? resolve(dirname(file), spec)
				: null;
		if (!base) {
			return [];
		}
		const found = [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts')].find(
			(p) => existsSync(p) && statSync(p).isFile()
		);
		return found ? [found] : [];
	});
}

/** Every cycle in a graph of imports, each as the list of files along it. */
function cycles(graph: Map<string, string[]>): string[][] {
	const found: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const path: string[] = [];
	const visit = (file: string) => {
		state.set(file, 'open');
		path.push(file);
		for (const next of graph.get(file) ?? []) {
			if (state.get(next) === 'open') {
				found.push(path.slice(path.indexOf(next)));
			} else if (!state.has(next)) {
				visit(next);
			}
		}
		path.pop();
		state.set(file, 'done');
	};
	for (const file of graph.keys()) {
		if (!state.has(file)) {
			visit(file);
		}
	}
	return found;
}

describe('imports in src/lib/server', () => {
	it('reads imports and finds a cycle when there is one (the checker itself works)', () => {
		const fixture = join(server, 'auth/sign-in.ts');
		expect(importsOf(fixture).map((p) => relative(server, p))).toContain('auth/repository.ts');
		const graph = new Map([
			['a', ['b']],
			['b', ['c']],
			['c', ['a', 'd']],
			['d', []]
		]);
		expect(cycles(graph)).toEqual([['a', 'b', 'c']]);
	});

	it('has no import cycles between files', () => {
		const files = sourceFiles(server);
		const graph = new Map(files.map((f) => [f, importsOf(f).filter((d) => d.startsWith(server))]));
		expect(cycles(graph).map((c) => c.map((p) => relative(server, p)))).toEqual([]);
	});

	it('keeps auth independent of users (users depends on auth, not the other way round)', () => {
		const authImports = sourceFiles(join(server, 'auth')).flatMap(importsOf);
		expect(authImports.filter((p) => p.startsWith(join(server, 'users')))).toEqual([]);
	});
});
