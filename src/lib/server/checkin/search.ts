import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;
const spelledCache = new Map<string, { full: string; initials: string }>();

/** 王伟 → { full: 'wangwei', initials: 'ww' }; cached, names repeat every refresh. */
export function spell(name: string): { full: string; initials: string } {
	let spelled = spelledCache.get(name);
	if (!spelled) {
		if (HAN.test(name)) {
			const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head' }).filter(
				(s) => /^[a-zü]+$/i.test(s)
			);
			spelled = { full: syllables.join(''), initials: syllables.map((s) => s[0]).join('') };
		} else {
			const words = name.toLowerCase().split(/\s+/).filter(Boolean);
			spelled = { full: words.join(''), initials: words.map((w) => w[0]).join('') };
		}
		if (spelledCache.size > 20_000) {
			spelledCache.clear();
		}
		spelledCache.set(name, spelled);
	}
	return spelled;
}

export interface Searchable {
	name: string;
	name_latin: string | null;
	company: string | null;
	companions: string[];
}

function squash(text: string): string {
	return text.toLowerCase().replace(/\s+/g, '');
}

/**
 * How well a person matches what was typed at the door, 0 for no match: by name, Latin name,
 * pinyin or its initials ('ww' finds 王伟), company, or a companion's name.
 */
export function matchScore(person: Searchable, query: string): number {
	const q = squash(query);
	if (!q) {
		return 0;
	}
	const name = squash(person.name);
	const latin = squash(person.name_latin ?? '');
	const { full, initials } = spell(person.name);
	if (name === q || latin === q) {
		return 100;
	}
	if (name.startsWith(q) || latin.startsWith(q) || full.startsWith(q)) {
		return 80;
	}
	if (initials.startsWith(q)) {
		return 70;
	}
	if (name.includes(q) || latin.includes(q) || full.includes(q)) {
		return 60;
	}
	if (squash(person.company ?? '').includes(q)) {
		return 40;
	}
	if (person.companions.some((c) => squash(c).includes(q) || spell(c).full.startsWith(q))) {
		return 30;
	}
	return 0;
}
