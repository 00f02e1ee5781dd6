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

	it('has a message for every m.key() and every message key named in the code', () => {
		const known = new Set(files.flatMap(({ en }) => Object.keys(en)));
		const missing: string[] = [];
		for (const file of sourceFiles('src')) {
			const text = readFileSync(file, 'utf8');
			for (const [, key] of text.matchAll(/\bm\.(\w+)\(/g)) {
				if (!known.has(key)) {
					missing.push(`${file}: m.${key}`);
				}
			}
			for (const [, key] of text.matchAll(/['"]((?:error|auth)_[a-z0-9_]+)['"]/g)) {
				if (!known.has(key)) {
					missing.push(`${file}: '${key}'`);
				}
			}
		}
		expect(missing).toEqual([]);
	});
});
