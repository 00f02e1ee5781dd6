import { companyKey, familyNameKey } from '../text/pinyin';

export const BADGE_SORTS = ['account', 'family'] as const;
export type BadgeSort = (typeof BADGE_SORTS)[number];

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
