import { m } from '$lib/paraglide/messages';

/** Tour languages a guest can choose on the RSVP page. */
export const TOUR_LANGUAGES = ['zh', 'en'] as const;
export type TourLanguage = (typeof TOUR_LANGUAGES)[number];

export function tourLanguageLabel(code: string, locale?: 'zh-CN' | 'en'): string {
	const options = locale ? { locale } : undefined;
	if (code === 'zh') {
		return m.guests_tour_zh({}, options);
	}
	return code === 'en' ? m.guests_tour_en({}, options) : code;
}

/** The kinds of dietary need the overview counts; anything else is kept as typed. */
export const DIETARY_KINDS = ['halal', 'vegetarian', 'no_seafood', 'allergy'] as const;
export type DietaryKind = (typeof DIETARY_KINDS)[number];

const DIETARY_PATTERNS: Record<DietaryKind, RegExp> = {
	halal: /清真|halal|muslim|穆斯林|不吃猪|no pork/i,
	vegetarian: /素|vegetarian|vegan|meatless/i,
	no_seafood: /海鲜|seafood|shellfish|fish|鱼|虾|蟹/i,
	allergy: /过敏|allerg|不耐受|intoleran|麸质|gluten|花生|peanut|坚果|nut/i
};

/**
 * The kinds a dietary note mentions ("清真，海鲜过敏" is halal and no seafood and allergy). A note
 * that names none of them is "other" and is listed as typed.
 */
export function dietaryKinds(note: string): DietaryKind[] {
	return DIETARY_KINDS.filter((kind) => DIETARY_PATTERNS[kind].test(note));
}

/** What attending guests told us, summed up for the overview (gatherings/told.ts). */
export interface GuestSummary {
	dietary: {
		counts: Record<DietaryKind, number>;
		/** Every note as typed, with whose it is; notes of no known kind are marked `other`. */
		notes: { name: string; company: string | null; note: string; other: boolean }[];
	};
	tourLanguages: { language: string; people: number }[];
	parking: {
		inviteeId: number;
		name: string;
		company: string | null;
		arrival: string;
		plates: string[];
	}[];
	messages: {
		inviteeId: number;
		name: string;
		company: string | null;
		message: string;
		answeredAt: string | null;
		read: boolean;
	}[];
	unreadMessages: number;
}
