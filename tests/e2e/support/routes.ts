/**
 * The route tree as SvelteKit reads it from src/routes: every page, every `+server.ts` endpoint
 * with its HTTP methods, and every form action of a `+page.server.ts`. Read from the source with
 * the TypeScript compiler (no build, no import of app code), so the access test in
 * tests/e2e/access.spec.ts is generated from what exists and a new route or action cannot be
 * left out of it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface RouteInfo {
	/** SvelteKit's route id, e.g. `/(staff)/gatherings/[id=id]/badges`. */
	id: string;
	/** The directory has a `+page.svelte`. */
	page: boolean;
	/** Names of the form actions in its `+page.server.ts` (sorted; `default` for a default action). */
	actions: string[];
	/** HTTP methods its `+server.ts` exports (sorted). */
	methods: string[];
}

const ROOT = 'src/routes';
const HTTP_METHODS = new Set([
	'GET',
	'HEAD',
	'POST',
	'PUT',
	'PATCH',
	'DELETE',
	'OPTIONS',
	'fallback'
]);

export function routeTree(root = ROOT): RouteInfo[] {
	const routes: RouteInfo[] = [];
	const walk = (dir: string) => {
		const names = readdirSync(dir);
		const has = (name: string) => names.includes(name);
		if (has('+page.svelte') || has('+page.server.ts') || has('+server.ts')) {
			const id = '/' + relative(root, dir).split('/').filter(Boolean).join('/');
			routes.push({
				id: id === '/' ? '/' : id,
				page: has('+page.svelte'),
				actions: has('+page.server.ts') ? actionNames(join(dir, '+page.server.ts')) : [],
				methods: has('+server.ts') ? endpointMethods(join(dir, '+server.ts')) : []
			});
		}
		for (const name of names) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) {
				walk(path);
			}
		}
	};
	walk(root);
	return routes.sort((a, b) => a.id.localeCompare(b.id));
}

/** The URL path of a route id: groups dropped, `[param]` replaced from `params`. */
export function routePath(id: string, params: Record<string, string>): string {
	const path = id
		.split('/')
		.filter((part) => part && !/^\(.+\)$/.test(part))
		.map((part) =>
			part.replace(/\[(?:\.\.\.)?(\w+)(?:=\w+)?\]/g, (_, name: string) => {
				if (!(name in params)) {
					throw new Error(`no value for [${name}] in ${id}`);
				}
				return params[name];
			})
		)
		.join('/');
	return '/' + path;
}

function parse(file: string): ts.SourceFile {
	return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

function isExported(node: ts.Node): boolean {
	return (
		ts.canHaveModifiers(node) &&
		(ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
	);
}

function endpointMethods(file: string): string[] {
	const methods: string[] = [];
	for (const statement of parse(file).statements) {
		if (!isExported(statement)) {
			continue;
		}
		if (ts.isFunctionDeclaration(statement) && statement.name) {
			methods.push(statement.name.text);
		} else if (ts.isVariableStatement(statement)) {
			for (const decl of statement.declarationList.declarations) {
				if (ts.isIdentifier(decl.name)) {
					methods.push(decl.name.text);
				}
			}
		}
	}
	return methods.filter((name) => HTTP_METHODS.has(name)).sort();
}

/** Strips `satisfies`, `as` and parentheses around an expression. */
function unwrap(node: ts.Expression): ts.Expression {
	while (
		ts.isSatisfiesExpression(node) ||
		ts.isAsExpression(node) ||
		ts.isParenthesizedExpression(node)
	) {
		node = node.expression;
	}
	return node;
}

function objectKeys(object: ts.ObjectLiteralExpression, where: string): string[] {
	return object.properties.map((prop) => {
		if (
			(ts.isPropertyAssignment(prop) ||
				ts.isMethodDeclaration(prop) ||
				ts.isShorthandPropertyAssignment(prop)) &&
			(ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name))
		) {
			return prop.name.text;
		}
		throw new Error(`${where}: cannot read the action names statically (spread or computed key)`);
	});
}

function actionNames(file: string): string[] {
	const source = parse(file);
	for (const statement of source.statements) {
		if (!isExported(statement) || !ts.isVariableStatement(statement)) {
			continue;
		}
		for (const decl of statement.declarationList.declarations) {
			if (!ts.isIdentifier(decl.name) || decl.name.text !== 'actions' || !decl.initializer) {
				continue;
			}
			const init = unwrap(decl.initializer);
			if (ts.isObjectLiteralExpression(init)) {
				return objectKeys(init, file).sort();
			}
			if (ts.isCallExpression(init) && ts.isIdentifier(init.expression)) {
				return returnedKeys(source, file, init.expression.text).sort();
			}
			if (ts.isIdentifier(init)) {
				return importedObjectKeys(source, file, init.text).sort();
			}
			throw new Error(`${file}: actions are neither an object literal nor a helper's result`);
		}
	}
	return [];
}

/** The file a named import of `file` comes from. */
function importedFrom(source: ts.SourceFile, file: string, helper: string): string {
	const from = source.statements.find(
		(s): s is ts.ImportDeclaration =>
			ts.isImportDeclaration(s) &&
			Boolean(
				s.importClause?.namedBindings &&
				ts.isNamedImports(s.importClause.namedBindings) &&
				s.importClause.namedBindings.elements.some((e) => e.name.text === helper)
			)
	);
	if (!from || !ts.isStringLiteral(from.moduleSpecifier)) {
		throw new Error(`${file}: cannot find where ${helper} comes from`);
	}
	const spec = from.moduleSpecifier.text;
	const base = spec.startsWith('$lib/')
		? join('src/lib', spec.slice(5))
		: resolve(dirname(file), spec);
	const target = [`${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p));
	if (!target) {
		throw new Error(`${file}: cannot open ${spec}`);
	}
	return target;
}

/** Keys of an object literal exported as a constant by the module `name` is imported from. */
function importedObjectKeys(source: ts.SourceFile, file: string, name: string): string[] {
	const target = importedFrom(source, file, name);
	for (const statement of parse(target).statements) {
		if (!isExported(statement) || !ts.isVariableStatement(statement)) {
			continue;
		}
		for (const decl of statement.declarationList.declarations) {
			const init = decl.initializer && unwrap(decl.initializer);
			if (ts.isIdentifier(decl.name) && decl.name.text === name && init) {
				if (ts.isObjectLiteralExpression(init)) {
					return objectKeys(init, target);
				}
			}
		}
	}
	throw new Error(`${target}: ${name} is not an exported object literal`);
}

/** Actions made by a helper (`export const actions = csvImportActions('contacts')`). */
function returnedKeys(source: ts.SourceFile, file: string, helper: string): string[] {
	const target = importedFrom(source, file, helper);
	const fn = parse(target).statements.find(
		(s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && s.name?.text === helper
	);
	const returned = fn?.body?.statements.find((s): s is ts.ReturnStatement =>
		ts.isReturnStatement(s)
	);
	const value = returned?.expression && unwrap(returned.expression);
	if (!value || !ts.isObjectLiteralExpression(value)) {
		throw new Error(`${target}: ${helper} does not return an object literal`);
	}
	return objectKeys(value, target);
}
