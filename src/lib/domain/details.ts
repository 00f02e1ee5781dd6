/**
 * The gathering details a guest reads, each in Chinese and English. The Chinese text lives in
 * the original column (`venue_name`), the English in `<field>_en`. Pure: pages, emails and
 * calendar files all pick a language through `detailIn`, so no reader sees a Chinese-only detail
 * where English was given.
 */
export const GUEST_DETAILS = [
	'venue_name',
	'venue_address',
	'dress_code',
	'bring_notes',
	'host_name'
] as const;
export type GuestDetail = (typeof GUEST_DETAILS)[number];

export type BilingualDetails = {
	[K in GuestDetail]?: string | null;
} & {
	[K in GuestDetail as `${K}_en`]?: string | null;
};

/** The detail in the reader's language, or the other language when only that was given. */
export function detailIn(g: BilingualDetails, field: GuestDetail, locale: 'zh-CN' | 'en'): string {
	const zh = g[field]?.trim() ?? '';
	const en = g[`${field}_en`]?.trim() ?? '';
	return locale === 'en' ? en || zh : zh || en;
}

/** Details given in Chinese only: an English guest will read them in Chinese. */
export function chineseOnlyDetails(g: BilingualDetails): GuestDetail[] {
	return GUEST_DETAILS.filter((f) => (g[f]?.trim() ?? '') !== '' && !g[`${f}_en`]?.trim());
}
