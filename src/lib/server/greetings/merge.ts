import type { Executor } from '../db';
import type { Campaign, Locale } from '../db/schema';
import { isFestival } from '$lib/domain/greetings';
import { festivalLabel } from '$lib/domain/greetings-labels';
import { findCustomOccasion } from './repository';
import type { MergeValues } from './template';
import { zodiacOf } from './lunar';

export interface Sender {
	name: string;
	email: string | null;
}

export interface Recipient {
	name: string;
	name_latin: string | null;
	salutation: string | null;
	company: string;
	company_en: string | null;
}

/** The occasion's name in both languages: a festival's, a custom occasion's, or the campaign's. */
export async function occasionNames(
	db: Executor,
	campaign: Pick<Campaign, 'occasion' | 'name'>
): Promise<Record<Locale, string>> {
	if (isFestival(campaign.occasion)) {
		const label = festivalLabel[campaign.occasion];
		return { 'zh-CN': label({}, { locale: 'zh-CN' }), en: label({}, { locale: 'en' }) };
	}
	const custom = /^custom:(\d+)$/.exec(campaign.occasion);
	const row = custom ? await findCustomOccasion(db, Number(custom[1])) : undefined;
	if (row) {
		return { 'zh-CN': row.name_zh, en: row.name_en };
	}
	return { 'zh-CN': campaign.name, en: campaign.name };
}

/**
 * The merge fields for one recipient: how the client is addressed (their salutation, e.g. 王总 or
 * Mr Smith, else their name), name and company in their language, the sender, the occasion and
 * the zodiac animal of the occasion's lunar year.
 */
export function mergeValuesFor(
	r: Recipient,
	locale: Locale,
	sender: Sender,
	occasion: Record<Locale, string>,
	occasionDate: string
): MergeValues {
	const en = locale === 'en';
	const name = en ? (r.name_latin ?? r.name) : r.name;
	const zodiac = zodiacOf(occasionDate);
	return {
		salutation: r.salutation ?? name,
		name,
		company: en ? (r.company_en ?? r.company) : r.company,
		account_manager: sender.name,
		occasion: occasion[locale],
		zodiac: en ? zodiac.en : zodiac.zh
	};
}
