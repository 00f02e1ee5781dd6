import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasMessage, t } from '$lib/i18n';

type Messages = Record<string, string>;

function messageFiles(): { area: string; en: Messages; zh: Messages }[] {
	const read = (path: string): Messages => {
		const { $schema: _schema, ...messages } = JSON.parse(readFileSync(path, 'utf8'));
		return messages;
	};
	const areas = [
		'',
		...readdirSync('messages').filter((d) => statSync(join('messages', d)).isDirectory())
	];
	return areas.map((area) => ({
		area: area || '(core)',
		en: read(join('messages', area, 'en.json')),
		zh: read(join('messages', area, 'zh-CN.json'))
	}));
}

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) {
			return name === 'paraglide' ? [] : sourceFiles(path);
		}
		return /\.(ts|svelte)$/.test(name) ? [path] : [];
	});
}

describe('messages', () => {
	const files = messageFiles();

	it('has every key in both languages, none empty', () => {
		for (const { area, en, zh } of files) {
			expect(Object.keys(zh).sort(), `zh-CN keys of ${area}`).toEqual(Object.keys(en).sort());
			for (const [key, value] of [...Object.entries(en), ...Object.entries(zh)]) {
				expect(value.trim(), `${area}: ${key}`).not.toBe('');
			}
		}
	});

	it('uses each key in one file only', () => {
		const seen = new Map<string, string>();
		for (const { area, en } of files) {
			for (const key of Object.keys(en)) {
				expect(seen.get(key), `${key} is in ${seen.get(key)} and ${area}`).toBeUndefined();
				seen.set(key, area);
			}
		}
	});

	it('compiles every message, so none silently falls back to its key', () => {
		for (const { en } of files) {
			for (const key of Object.keys(en)) {
				expect(hasMessage(key), key).toBe(true);
			}
		}
		expect(t('error_required', {}, 'en')).toBe('Please fill this in.');
		expect(t('error_required', {}, 'zh-CN')).toBe('此项必填。');
	});

	it('has the same parameters in both languages', () => {
		for (const { area, en, zh } of files) {
			for (const key of Object.keys(en)) {
				expect(typeof en[key], `${area}: ${key} (en) is plain text`).toBe('string');
				expect(typeof zh[key], `${area}: ${key} (zh-CN) is plain text`).toBe('string');
				expect(placeholders(zh[key]), `${area}: ${key} parameters`).toEqual(placeholders(en[key]));
			}
		}
	});

	const sources = sourceFiles('src').map((file) => ({ file, text: readFileSync(file, 'utf8') }));
	const en = new Set(files.flatMap(({ en }) => Object.keys(en)));
	const zh = new Set(files.flatMap(({ zh }) => Object.keys(zh)));
	const prefixes = new Set([...en].map((key) => key.split('_')[0]));

	it('has both languages for every m.key, t(key) and message key named in the code', () => {
		const referenced = referencedKeys(sources, prefixes);
		expect(referenced.size, 'the scan finds the keys the code uses').toBeGreaterThan(500);
		const missing = [...referenced]
			.filter(([key]) => !en.has(key) || !zh.has(key))
			.map(
				([key, where]) =>
					`${where}: ${key} (${en.has(key) ? '' : 'en '}${zh.has(key) ? '' : 'zh-CN'})`
			);
		expect(missing).toEqual([]);
	});

	it('calls no t() with a fixed key (run scripts/codemods/typed-messages.mjs)', () => {
		const fixed = sources.flatMap(({ file, text }) =>
			[...text.matchAll(/(?<![\w$.])t\(\s*['"`]\w+['"`]\s*[,)]/g)].map(
				(hit) => `${file}: ${hit[0]}`
			)
		);
		expect(fixed).toEqual([]);
	});

	it('uses every message (but the few listed as not yet used)', () => {
		const named = new Set<string>();
		for (const { text } of sources) {
			for (const [, key] of text.matchAll(/\bm\.(\w+)/g)) {
				named.add(key);
			}
			for (const [, key] of text.matchAll(/['"`](\w+)['"`]/g)) {
				named.add(key);
			}
		}
		const unused = [...en].filter((key) => !named.has(key)).sort();
		expect(unused, 'unused messages: use or delete them (or list them in NOT_YET_USED)').toEqual(
			[...NOT_YET_USED].sort()
		);
	});
});

/** `{name}` placeholders of a message, sorted. */
function placeholders(message: string): string[] {
	return [...new Set([...message.matchAll(/\{(\w+)\}/g)].map(([, name]) => name))].sort();
}

/**
 * Message keys the code names, with the first place each is named: every `m.key`, every
 * `t('key')`, and string literals shaped like a key of a message area (`accounts_…`,
 * `error_…`) where the code passes message keys as data: a DomainError and its subclasses,
 * zod checks (`.min(1, 'error_required')`, `message: '…'`, `.refine(fn, '…')`), CSV row issues
 * (`key: '…'`), warnings pushed to a list, keys returned or given as defaults, and maps of keys
 * (`'badges.printed': 'badges_action_printed'`).
 */
function referencedKeys(
	sources: { file: string; text: string }[],
	prefixes: Set<string>
): Map<string, string> {
	const KEY = String.raw`([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`;
	const contexts = [
		new RegExp(String.raw`(?<![\w$.])m\.(\w+)`, 'g'),
		new RegExp(String.raw`(?<![\w$.])t\(\s*'${KEY}'`, 'g'),
		new RegExp(String.raw`\bnew \w*Error\(\s*'${KEY}'`, 'g'),
		new RegExp(String.raw`\b(?:message|key):\s*'${KEY}'`, 'g'),
		new RegExp(String.raw`,\s*'${KEY}'\s*\)`, 'g'),
		new RegExp(String.raw`\b(?:push|return|throw)\(?\s*'${KEY}'`, 'g'),
		new RegExp(String.raw`(?:\?\?|=|\?)\s*'${KEY}'\s*[;,):\n}]`, 'g'),
		new RegExp(String.raw`'[\w.]+':\s*'${KEY}'`, 'g')
	];
	const found = new Map<string, string>();
	for (const { file, text: source } of sources) {
		// Index names in a query hint (`indexedBy('outbox_message', 'outbox_claimable')`) share
		// a feature's prefix but are not messages.
		const text = source.replace(/\bindexedBy\([^)]*\)/g, '');
		for (const [n, context] of contexts.entries()) {
			for (const [, key] of text.matchAll(context)) {
				// t('key') always names a message; others only with a message area's prefix (a local
				// `m`, as in `for (const m of moved)`, is not Paraglide's).
				if ((n === 1 || prefixes.has(key.split('_')[0])) && !found.has(key)) {
					found.set(key, file);
				}
			}
		}
	}
	return found;
}

/**
 * Messages no code uses yet. Each should be used or deleted; the test fails when one of these
 * gets used (take it off the list) or another message falls out of use.
 */
const NOT_YET_USED: string[] = [
	'accounts_history_system',
	'accounts_no_tags',
	'campaigns_coming',
	'checkin_companion_names',
	'common_add',
	'common_created',
	'common_download',
	'common_filter',
	'common_no',
	'common_none',
	'common_title',
	'common_updated',
	'common_yes',
	'demo_loaded',
	'error_too_short',
	'gatherings_col_companions',
	'gatherings_col_company',
	'gatherings_col_person',
	'gatherings_col_status',
	'guests_history_call',
	'host_action_created',
	'host_col_contact',
	'invitations_history_guest_or_system',
	'materials_guest_heading',
	'nav_dashboard',
	'nav_profile',
	'program_col_company',
	'program_col_dietary',
	'program_col_language',
	'program_col_name',
	'program_col_phone',
	'program_seating_seat',
	'program_tours_clashes',
	'program_tours_stop',
	'rsvp_companion_label',
	'rsvp_companions',
	'rsvp_companions_hint',
	'users_empty'
];
