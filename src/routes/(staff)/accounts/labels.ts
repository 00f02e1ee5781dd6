import { formatMoney, formatPercent } from '$lib/format';
import type { LabelFn } from '$lib/i18n';
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

const channelLabels: Record<ChannelCode, LabelFn> = {
	distributor: m.channel_distributor,
	wholesaler_1: m.channel_wholesaler_1,
	wholesaler_2: m.channel_wholesaler_2,
	ka_retailer: m.channel_ka_retailer,
	small_retail: m.channel_small_retail,
	other: m.channel_other
};

const tierLabels: Record<TierCode, LabelFn> = {
	key: m.tier_key,
	potential: m.tier_potential,
	regular: m.tier_regular
};

/** A channel's name; a code Gala does not know shows as written. */
export function channelLabel(channel: string): string {
	return Object.hasOwn(channelLabels, channel) ? channelLabels[channel as ChannelCode]() : channel;
}

/** A tier's name; a code Gala does not know shows as written. */
export function tierLabel(tier: string): string {
	return Object.hasOwn(tierLabels, tier) ? tierLabels[tier as TierCode]() : tier;
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
	const label = actionLabels.get(action);
	if (!label) {
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
	return label({ fields });
}

/** Activity actions with a label ('account.updated' → accounts_action_account_updated). */
const actionLabels = new Map<string, (inputs: { fields: string }) => string>([
	['account.created', m.accounts_action_account_created],
	['account.updated', m.accounts_action_account_updated],
	['account.tier_overridden', m.accounts_action_account_tier_overridden],
	['account.reviewed', m.accounts_action_account_reviewed],
	['account.deleted', m.accounts_action_account_deleted],
	['contact.created', m.accounts_action_contact_created],
	['contact.updated', m.accounts_action_contact_updated],
	['contact.deleted', m.accounts_action_contact_deleted]
]);

const fieldLabels = new Map<string, LabelFn>([
	['name', m.accounts_field_name],
	['name_en', m.accounts_field_name_en],
	['industry', m.accounts_field_industry],
	['region', m.accounts_field_region],
	['channel', m.accounts_field_channel],
	['currency', m.accounts_field_currency],
	['annual_sales_minor', m.accounts_field_sales],
	['annual_profit_minor', m.accounts_field_profit],
	['owner_user_id', m.accounts_field_owner],
	['tags', m.accounts_field_tags],
	['notes', m.accounts_field_notes],
	['competitor_notes', m.accounts_field_competitors],
	['last_reviewed_on', m.accounts_field_last_reviewed],
	['tier_override', m.accounts_field_tier_override],
	['tier_override_reason', m.accounts_field_override_reason]
]);

function fieldLabel(field: string): string {
	return fieldLabels.get(field)?.() ?? field;
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
