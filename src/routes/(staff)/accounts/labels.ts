import { formatMoney, formatPercent } from '$lib/format';
import { hasMessage, t } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

export type ChannelCode =
	'distributor' | 'wholesaler_1' | 'wholesaler_2' | 'ka_retailer' | 'small_retail' | 'other';
export type TierCode = 'key' | 'potential' | 'regular';

export const channelCodes: ChannelCode[] = [
	'distributor',
	'wholesaler_1',
	'wholesaler_2',
	'ka_retailer',
	'small_retail',
	'other'
];
export const tierCodes: TierCode[] = ['key', 'potential', 'regular'];

export function channelLabel(channel: string): string {
	return t(`channel_${channel}`);
}

export function tierLabel(tier: string): string {
	return t(`tier_${tier}`);
}

/** Chip colours: key stands out, potential is warm, regular stays quiet. */
export function tierClass(tier: string): string {
	if (tier === 'key') {
		return 'bg-brand-700 text-white';
	}
	if (tier === 'potential') {
		return 'bg-amber-100 text-amber-900';
	}
	return 'bg-stone-100 text-stone-700';
}

/** Short money for axes and tight cells: 4800万 / 48M. */
export function formatCompactMoney(minor: number, currency = 'CNY'): string {
	return new Intl.NumberFormat(getLocale(), {
		style: 'currency',
		currency,
		notation: 'compact',
		maximumFractionDigits: 1
	}).format(minor / 100);
}

export { formatMoney, formatPercent };

/**
 * An activity row in words: 'account.updated' → accounts_action_account_updated, with the raw
 * dotted name when no label exists (actions other helpers add later still show something).
 */
export function actionLabel(action: string, details: string): string {
	const key = `accounts_action_${action.replace(/\./g, '_')}`;
	if (!hasMessage(key)) {
		return action;
	}
	let fields = '';
	try {
		const parsed = JSON.parse(details) as { fields?: unknown };
		if (Array.isArray(parsed.fields)) {
			fields = parsed.fields
				.map((f) => fieldLabel(String(f)))
				.join(getLocale() === 'en' ? ', ' : '、');
		}
	} catch {
		// Details are informative only; a malformed one still shows the label.
	}
	return t(key, { fields });
}

const fieldKeys: Record<string, string> = {
	name: 'accounts_field_name',
	name_en: 'accounts_field_name_en',
	industry: 'accounts_field_industry',
	region: 'accounts_field_region',
	channel: 'accounts_field_channel',
	currency: 'accounts_field_currency',
	annual_sales_minor: 'accounts_field_sales',
	annual_profit_minor: 'accounts_field_profit',
	owner_user_id: 'accounts_field_owner',
	tags: 'accounts_field_tags',
	notes: 'accounts_field_notes',
	competitor_notes: 'accounts_field_competitors',
	last_reviewed_on: 'accounts_field_last_reviewed',
	tier_override: 'accounts_field_tier_override',
	tier_override_reason: 'accounts_field_override_reason'
};

function fieldLabel(field: string): string {
	return fieldKeys[field] ? t(fieldKeys[field]) : field;
}

export const metricLabel = (metric: 'sales' | 'profit') =>
	metric === 'sales' ? m.accounts_metric_sales() : m.accounts_metric_profit();

/** The name an activity row recorded for its subject (a contact's name, say), if any. */
export function subjectName(details: string): string | null {
	try {
		const parsed = JSON.parse(details) as { name?: unknown };
		return typeof parsed.name === 'string' && parsed.name ? parsed.name : null;
	} catch {
		return null;
	}
}
