// The glossary both languages follow: one word per idea, used by every message that names a
// tier, a role or one of the trade's terms. tests/unit/glossary.test.ts holds every message file
// to it, so "潜力客户" or "8020" cannot creep back in beside "潜在重点客户" and "80/20".

export interface Term {
	zh: string;
	en: string;
}

export const TIER_TERMS = {
	key: { zh: '重点客户', en: 'Key account' },
	potential: { zh: '潜在重点客户', en: 'Potential key account' },
	regular: { zh: '一般客户', en: 'Regular account' }
} as const satisfies Record<string, Term>;

export const ROLE_TERMS = {
	guest: { zh: '来宾', en: 'Guest' },
	executive: { zh: '高管', en: 'Executive' },
	general_manager: { zh: '总经理', en: 'General manager' },
	staff: { zh: '工作人员', en: 'Staff' },
	companion: { zh: '随行人员', en: 'Companion' }
} as const satisfies Record<string, Term>;

export const TERMS = {
	badge: { zh: '胸卡', en: 'badge' },
	companion: ROLE_TERMS.companion,
	guest: ROLE_TERMS.guest,
	host: { zh: '本公司人员', en: 'our people' },
	walk_in: { zh: '现场登记', en: 'walk-in' },
	/** Written the same in both languages. */
	pareto: { zh: '80/20', en: '80/20' }
} as const satisfies Record<string, Term>;

/**
 * Words that mean a glossary term but are not it, per language: a message using one of these
 * says the same thing in another word than the rest of the product.
 */
export const AVOID: Record<'zh' | 'en', { word: RegExp; use: string }[]> = {
	zh: [
		{ word: /潜力客户/, use: TIER_TERMS.potential.zh },
		{ word: /普通客户/, use: TIER_TERMS.regular.zh },
		{ word: /宾客/, use: ROLE_TERMS.guest.zh },
		{ word: /同伴|同行人员/, use: ROLE_TERMS.companion.zh },
		{ word: /名牌|胸牌/, use: TERMS.badge.zh },
		{ word: /8020/, use: TERMS.pareto.zh }
	],
	en: [{ word: /80-20|8020|eighty.twenty/i, use: TERMS.pareto.en }]
};

export type TierCode = keyof typeof TIER_TERMS;
export type RoleCode = keyof typeof ROLE_TERMS;

export function tierTerm(code: TierCode, locale: 'zh-CN' | 'en'): string {
	return TIER_TERMS[code][locale === 'en' ? 'en' : 'zh'];
}

export function roleTerm(code: RoleCode, locale: 'zh-CN' | 'en'): string {
	return ROLE_TERMS[code][locale === 'en' ? 'en' : 'zh'];
}
