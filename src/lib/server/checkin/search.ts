import { spellName } from '../text/pinyin';

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
	const { full, initials } = spellName(person.name);
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
	if (person.companions.some((c) => squash(c).includes(q) || spellName(c).full.startsWith(q))) {
		return 30;
	}
	return 0;
}
