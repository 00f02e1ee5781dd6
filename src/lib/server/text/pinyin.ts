import { pinyin } from 'pinyin-pro';

// The one place Chinese text becomes pinyin, for search keys, sort keys and check-in matching.
// `v: true` writes ü as "v" (吕 → lv), as people type it on a keyboard; without it the "ü" was
// either dropped (吕 → l) or kept, and "lv" found nothing.

const HAN = /\p{Script=Han}/u;
const PLAIN = { toneType: 'none', type: 'array', v: true } as const;

export interface SpelledName {
	/** 'wangwei' for 王伟, 'annasmith' for Anna Smith. */
	full: string;
	/** 'ww', 'as'. */
	initials: string;
	/** 'wang wei' (family name first for Chinese names), 'anna smith'. */
	spaced: string;
}

const cache = new Map<string, SpelledName>();

/** How a person's name is spelled for search and sorting; surnames read as surnames (单 shan). */
export function spellName(name: string): SpelledName {
	let spelled = cache.get(name);
	if (!spelled) {
		const words = HAN.test(name)
			? pinyin(name.trim(), { ...PLAIN, surname: 'head' })
			: name.toLowerCase().split(/\s+/);
		const letters = words.map((w) => w.toLowerCase().replace(/[^a-z]/g, '')).filter(Boolean);
		spelled = {
			full: letters.join(''),
			initials: letters.map((w) => w[0]).join(''),
			spaced: letters.join(' ')
		};
		// Names repeat on every check-in refresh; the bound keeps a long-running process small.
		if (cache.size > 20_000) {
			cache.clear();
		}
		cache.set(name, spelled);
	}
	return spelled;
}

/** The stored search keys of a contact's name. */
export function nameKeys(name: string): { name_pinyin: string; name_initials: string } {
	const { full, initials } = spellName(name);
	return { name_pinyin: full, name_initials: initials };
}

/** Sort key for an account or company name: Chinese by pinyin ('华联' → 'hualian'). */
export function sortKey(text: string): string {
	return pinyin(text, { ...PLAIN, nonZh: 'consecutive' })
		.join('')
		.toLowerCase()
		.replace(/\s+/g, '');
}

/**
 * A key that sorts by family name: Chinese names by their pinyin (the family name comes first),
 * Latin names by their last word, then the rest ('Anna Smith' → 'smith anna').
 */
export function familyNameKey(name: string): string {
	const trimmed = name.trim().replace(/\s+/g, ' ');
	if (HAN.test(trimmed)) {
		return spellName(trimmed).spaced;
	}
	const words = trimmed.toLowerCase().split(' ');
	const last = words.pop() ?? '';
	return [last, ...words].join(' ');
}

/** Company names in pinyin order, so 百联 sits with the Bs. */
export function companyKey(company: string | null): string {
	const trimmed = (company ?? '').trim();
	return HAN.test(trimmed) ? spellName(trimmed).spaced : trimmed.toLowerCase();
}
