/** Greeting occasions, campaigns and their ledger: types and names both sides use. */

/** Festivals Gala knows by itself: lunar ones move every year, solar ones are fixed. */
export const lunarFestivals = [
	'new_years_eve',
	'spring_festival',
	'lantern',
	'dragon_boat',
	'qixi',
	'mid_autumn',
	'double_ninth'
] as const;
export const solarFestivals = ['new_year', 'national_day', 'christmas'] as const;
export const festivals = [...lunarFestivals, ...solarFestivals] as const;
export type LunarFestival = (typeof lunarFestivals)[number];
export type SolarFestival = (typeof solarFestivals)[number];
export type Festival = (typeof festivals)[number];

export function isFestival(value: string): value is Festival {
	return (festivals as readonly string[]).includes(value);
}

/** Personal occasions, one per person (or account) and year. */
export const personalKinds = [
	'birthday',
	'lunar_birthday',
	'contact_date',
	'account_anniversary'
] as const;
export type PersonalKind = (typeof personalKinds)[number];

/**
 * What a campaign is for: a festival key, `custom:<id>` (an occasion an admin added), or
 * `other` (free text in the campaign's name).
 */
export type OccasionRef = Festival | `custom:${number}` | 'other';

/** The merge fields a greeting's subject and body may use, as {{name}}. */
export const mergeFields = [
	'salutation',
	'name',
	'company',
	'account_manager',
	'occasion',
	'zodiac'
] as const;
export type MergeField = (typeof mergeFields)[number];

export const campaignStatuses = ['draft', 'sending', 'paused', 'cancelled', 'done'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

/**
 * A recipient's line in the ledger. `queued` means handed to the outbox; what the outbox then
 * did (sent with its Message-ID, failed with the SMTP reply) is read from the outbox row.
 */
export const ledgerStates = [
	'pending',
	'queued',
	'sent',
	'failed',
	'skipped',
	'unsubscribed'
] as const;
export type LedgerState = (typeof ledgerStates)[number];

/** Why a contact in the audience gets no greeting. */
export const skipReasons = ['no_email', 'unsubscribed', 'bounced', 'removed', 'cancelled'] as const;
export type SkipReason = (typeof skipReasons)[number];

export const sendModes = ['fixed', 'local_nine'] as const;
/** fixed: one instant (a date and time in a chosen zone); local_nine: 09:00 in each recipient's zone. */
export type SendMode = (typeof sendModes)[number];
