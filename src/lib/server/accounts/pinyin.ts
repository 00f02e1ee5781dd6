import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;

/** Sort key for an account name: Chinese by pinyin ('华联' → 'hualian'), other text lower-cased. */
export function accountSortKey(name: string): string {
	return pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
		.join('')
		.toLowerCase()
		.replace(/\s+/g, '');
}

/** Sort and search keys for a person's name: 'ouyangnana' / 'oynn'; Latin names by their words. */
export function nameKeys(name: string): { name_pinyin: string; name_initials: string } {
	if (HAN.test(name)) {
		const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head' })
			.map((s) => s.toLowerCase().replace(/[^a-z]/g, ''))
			.filter(Boolean);
		return { name_pinyin: syllables.join(''), name_initials: syllables.map((s) => s[0]).join('') };
	}
	const words = name
		.toLowerCase()
		.split(/[^a-z]+/)
		.filter(Boolean);
	return { name_pinyin: words.join(''), name_initials: words.map((w) => w[0]).join('') };
}
