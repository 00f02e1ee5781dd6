import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AVOID, ROLE_TERMS, TERMS, TIER_TERMS } from '$lib/domain/glossary';

// Every message file, both languages, held to the one glossary.
function messageFiles(
	locale: 'zh-CN' | 'en'
): { file: string; messages: Record<string, string> }[] {
	const root = join(process.cwd(), 'messages');
	const files = [join(root, `${locale}.json`)];
	for (const dir of readdirSync(root)) {
		const path = join(root, dir);
		if (statSync(path).isDirectory()) {
			files.push(join(path, `${locale}.json`));
		}
	}
	return files.map((file) => ({
		file,
		messages: JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>
	}));
}

const tierKey = /(?:^|_)tier_(key|potential|regular)$/;
const roleKey = /(?:^|_)role_(guest|executive|general_manager|staff|companion)$/;

describe('the glossary', () => {
	for (const locale of ['zh-CN', 'en'] as const) {
		const lang = locale === 'en' ? 'en' : 'zh';
		it(`gives every tier and role message in ${locale} its glossary word`, () => {
			let checked = 0;
			for (const { file, messages } of messageFiles(locale)) {
				for (const [key, value] of Object.entries(messages)) {
					const tier = tierKey.exec(key)?.[1] as keyof typeof TIER_TERMS | undefined;
					const role = roleKey.exec(key)?.[1] as keyof typeof ROLE_TERMS | undefined;
					if (tier) {
						expect(value, `${file}: ${key}`).toBe(TIER_TERMS[tier][lang]);
						checked += 1;
					}
					if (role) {
						expect(value, `${file}: ${key}`).toBe(ROLE_TERMS[role][lang]);
						checked += 1;
					}
				}
			}
			// Tiers and roles are named on several pages; finding none would mean the scan is broken.
			expect(checked).toBeGreaterThan(10);
		});

		it(`uses no other word for a glossary term in ${locale}`, () => {
			const found: string[] = [];
			for (const { file, messages } of messageFiles(locale)) {
				for (const [key, value] of Object.entries(messages)) {
					for (const { word, use } of AVOID[lang]) {
						if (word.test(value)) {
							found.push(`${file}: ${key} has ${word} — use ${use}`);
						}
					}
				}
			}
			expect(found).toEqual([]);
		});
	}

	it('writes 80/20 the same in both languages', () => {
		expect(TERMS.pareto.zh).toBe(TERMS.pareto.en);
		const mentions = (locale: 'zh-CN' | 'en') =>
			messageFiles(locale)
				.flatMap(({ messages }) => Object.values(messages))
				.filter((v) => /80\/20/.test(v)).length;
		expect(mentions('zh-CN')).toBeGreaterThan(0);
		expect(mentions('zh-CN')).toBe(mentions('en'));
	});
});
