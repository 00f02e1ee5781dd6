import { pinyin } from 'pinyin-pro';

export const BADGE_SORTS = ['account', 'family'] as const;
export type BadgeSort = (typeof BADGE_SORTS)[number];

const HAN = /\p{Script=Han}/u;

/** 'wang wei' for 王伟 (surnames read as surnames: 单 shan, 曾 zeng), lower case otherwise. */
function spelled(text: string): string {
	const trimmed = text.trim();
	if (!HAN.test(trimmed)) {
		return trimmed.toLowerCase();
	}
	return pinyin(trimmed, { toneType: 'none', surname: 'head', type: 'array' }).join(' ');
}

/**
 * A key that sorts by family name: Chinese names by their pinyin (the family name comes first),
 * Latin names by their last word, then the rest ('Anna Smith' → 'smith anna').
 */
export function familyNameKey(name: string): string {
	const trimmed = name.trim().replace(/\s+/g, ' ');
	if (HAN.test(trimmed)) {
		return spelled(trimmed);
	}
	const words = trimmed.toLowerCase().split(' ');
	const last = words.pop() ?? '';
	return [last, ...words].join(' ');
}

/** Company names in pinyin order, so 百联 sits with the Bs. */
export function companyKey(company: string | null): string {
	return spelled(company ?? '');
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export interface Sortable {
	name: string;
	company: string | null;
}

/** Sorts people (not companions; they follow their host) by the chosen order. */
export function sortPeople<T extends Sortable>(people: readonly T[], sort: BadgeSort): T[] {
	const keyed = people.map((p) => ({
		p,
		name: familyNameKey(p.name),
		company: sort === 'account' ? companyKey(p.company) : ''
	}));
	keyed.sort((a, b) => collator.compare(a.company, b.company) || collator.compare(a.name, b.name));
	return keyed.map((k) => k.p);
}
