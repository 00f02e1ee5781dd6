#!/usr/bin/env node
/**
 * Codemod: string-keyed `t('key', …)` calls → Paraglide's typed `m.key(…)` functions.
 *
 * Why: `t(key: string)` in `src/lib/i18n.ts` looks messages up at run time, so a typo or a
 * deleted message shows the raw key to a user instead of failing the build. `m.key()` is checked
 * by svelte-check (the key must exist, the parameters must match).
 *
 * What it rewrites, in `src/**\/*.{ts,svelte}` (the generated `src/lib/paraglide` is skipped),
 * only in files that import `t` from `$lib/i18n`, and only calls whose first argument is a
 * string literal:
 *
 *   t('key')                    → m.key()
 *   t('key', {})                → m.key()
 *   t('key', params)            → m.key(params)
 *   t('key', {}, locale)        → m.key({}, { locale })
 *   t('key', params, 'en')      → m.key(params, { locale: 'en' })
 *
 * Then it adds `import { m } from '$lib/paraglide/messages';` where missing (next to the
 * `$lib/i18n` import) and drops `t` from that import when nothing else in the file uses it.
 * Calls with a key computed at run time (`t(err.messageKey)`, `` t(`x_${kind}`) ``) are left
 * alone: those become typed maps or `t(key: MessageKey)` by hand.
 *
 * It is idempotent: run it again on a merged tree and it only touches new `t('…')` calls.
 *
 *   node scripts/codemods/typed-messages.mjs           rewrite files, then prettier them
 *   node scripts/codemods/typed-messages.mjs --check   list what it would change; exit 1 if any
 *
 * Keys that are not in `messages/**\/en.json` are rewritten too (so svelte-check points at
 * them) and listed as warnings, as are keys built at run time (`` t(`x_${kind}`) ``), which
 * `t(key: MessageKey)` refuses: give those a `Record<Kind, LabelFn>` map beside the enum (see
 * src/lib/domain/greetings-labels.ts).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const checkOnly = process.argv.includes('--check');

function sourceFiles(dir) {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) {
			return name === 'paraglide' ? [] : sourceFiles(path);
		}
		return /\.(ts|svelte)$/.test(name) ? [path] : [];
	});
}

function knownKeys() {
	const keys = new Set();
	const walk = (dir) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) {
				walk(path);
			} else if (name === 'en.json') {
				for (const key of Object.keys(JSON.parse(readFileSync(path, 'utf8')))) {
					keys.add(key);
				}
			}
		}
	};
	walk(join(root, 'messages'));
	keys.delete('$schema');
	return keys;
}

/**
 * From the index just after an opening `(`, returns the top-level argument texts and the index
 * just after the matching `)`. Knows strings, template literals (with `${…}`), comments and
 * nested brackets; enough for call arguments in this code base.
 */
function readArguments(text, start) {
	const args = [];
	let depth = 0;
	let argStart = start;
	let i = start;
	const skipString = (quote) => {
		i++;
		while (i < text.length && text[i] !== quote) {
			if (text[i] === '\\') {
				i++;
			}
			i++;
		}
	};
	const skipTemplate = () => {
		i++;
		while (i < text.length && text[i] !== '`') {
			if (text[i] === '\\') {
				i++;
			} else if (text[i] === '$' && text[i + 1] === '{') {
				i += 2;
				let inner = 1;
				while (i < text.length && inner > 0) {
					const c = text[i];
					if (c === "'" || c === '"') {
						skipString(c);
					} else if (c === '`') {
						skipTemplate();
					} else if (c === '{') {
						inner++;
					} else if (c === '}') {
						inner--;
					}
					if (inner > 0) {
						i++;
					}
				}
			}
			i++;
		}
	};
	for (; i < text.length; i++) {
		const c = text[i];
		if (c === "'" || c === '"') {
			skipString(c);
		} else if (c === '`') {
			skipTemplate();
		} else if (c === '/' && text[i + 1] === '/') {
			i = text.indexOf('\n', i);
		} else if (c === '/' && text[i + 1] === '*') {
			const close = text.indexOf('*/', i);
			i = close < 0 ? -1 : close + 1;
		} else if (c === '(' || c === '[' || c === '{') {
			depth++;
		} else if (c === ']' || c === '}') {
			depth--;
		} else if (c === ')') {
			if (depth === 0) {
				args.push(text.slice(argStart, i));
				return {
					args: args.map((a) => a.trim()).filter((a, n, all) => a || n < all.length - 1),
					end: i + 1
				};
			}
			depth--;
		} else if (c === ',' && depth === 0) {
			args.push(text.slice(argStart, i));
			argStart = i + 1;
		}
		if (i < 0) {
			break;
		}
	}
	return null;
}

const I18N_IMPORT = /import\s*\{([^}]*)\}\s*from\s*(['"])\$lib\/i18n(?:\.js)?\2;?/;
const M_IMPORT =
	/import\s*(?:\{[^}]*\bm\b[^}]*\}|\*\s+as\s+m)\s*from\s*(['"])\$lib\/paraglide\/messages(?:\.js)?\1/;
const CALL = /(?<![\w$.])t\(\s*(['"`])([A-Za-z_$][\w$]*)\1/g;
/** A key put together at run time: the codemod cannot type it; a kind → message map can. */
const BUILT_KEY = /(?<![\w$.])t\(\s*`[^`]*\$\{/g;

function rewrite(text, keys, warn) {
	const imported = text.match(I18N_IMPORT);
	if (!imported || !/(^|[\s,])t([\s,]|$)/.test(imported[1])) {
		return text;
	}

	const edits = [];
	for (const call of text.matchAll(CALL)) {
		const open = call.index + call[0].indexOf('(');
		const parsed = readArguments(text, open + 1);
		if (!parsed || parsed.args.length > 3) {
			warn(`cannot read the arguments of ${call[0]}…`);
			continue;
		}
		const [, params = '{}', locale] = parsed.args;
		const key = call[2];
		if (!keys.has(key)) {
			warn(`'${key}' is not a message in messages/**/en.json`);
		}
		const noParams = /^\{\s*\}$/.test(params);
		let replacement;
		if (!locale) {
			replacement = noParams ? `m.${key}()` : `m.${key}(${params})`;
		} else {
			const options = locale === 'locale' ? '{ locale }' : `{ locale: ${locale} }`;
			replacement = `m.${key}(${params}, ${options})`;
		}
		edits.push({ from: call.index, to: parsed.end, replacement });
	}
	for (const built of text.matchAll(BUILT_KEY)) {
		const line = text.slice(0, built.index).split('\n').length;
		warn(`line ${line}: a key built at run time (${built[0]}…): use a map typed by its enum`);
	}
	if (edits.length === 0) {
		return text;
	}

	let out = text;
	for (const { from, to, replacement } of edits.reverse()) {
		out = out.slice(0, from) + replacement + out.slice(to);
	}

	// Imports: drop `t` when unused, add `m` when missing, both at the `$lib/i18n` import.
	const importMatch = out.match(I18N_IMPORT);
	const withoutImport =
		out.slice(0, importMatch.index) + out.slice(importMatch.index + importMatch[0].length);
	// Still called (`t(key)`) or passed on (`.map(t)`); a local `t` (`for (const t of …)`) is not it.
	const rest = stripComments(withoutImport);
	const tStillUsed = /(?<![\w$.'"])t\s*\(/.test(rest) || /[(,]\s*t\s*[,)](?!\s*=>)/.test(rest);
	const names = importMatch[1]
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)
		.filter((s) => tStillUsed || s !== 't');
	const mImport = M_IMPORT.test(out) ? '' : "import { m } from '$lib/paraglide/messages';";
	const i18nImport = names.length ? `import { ${names.join(', ')} } from '$lib/i18n';` : '';
	const indent = out.slice(out.lastIndexOf('\n', importMatch.index) + 1, importMatch.index);
	const replacementImports = [i18nImport, mImport].filter(Boolean).join(`\n${indent}`);
	out =
		out.slice(0, importMatch.index) +
		replacementImports +
		out
			.slice(importMatch.index + importMatch[0].length)
			.replace(replacementImports ? /^/ : /^\r?\n/, '');
	return out;
}

function stripComments(text) {
	return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const keys = knownKeys();
const changed = [];
let warnings = 0;
for (const file of sourceFiles(join(root, 'src'))) {
	if (file.endsWith(join('src', 'lib', 'i18n.ts'))) {
		continue;
	}
	const text = readFileSync(file, 'utf8');
	const name = relative(root, file);
	const out = rewrite(text, keys, (message) => {
		warnings++;
		console.warn(`warning: ${name}: ${message}`);
	});
	if (out !== text) {
		changed.push(file);
		if (!checkOnly) {
			writeFileSync(file, out);
		}
	}
}

if (checkOnly) {
	for (const file of changed) {
		console.log(relative(root, file));
	}
	console.log(`${changed.length} file(s) would change, ${warnings} warning(s)`);
	process.exit(changed.length ? 1 : 0);
}

if (changed.length) {
	const prettier = await import('prettier');
	for (const file of changed) {
		const options = (await prettier.resolveConfig(file)) ?? {};
		const formatted = await prettier.format(readFileSync(file, 'utf8'), {
			...options,
			filepath: file
		});
		writeFileSync(file, formatted);
	}
}
console.log(`rewrote ${changed.length} file(s), ${warnings} warning(s)`);
