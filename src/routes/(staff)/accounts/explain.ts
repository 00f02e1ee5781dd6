import { m } from '$lib/paraglide/messages';
import type { RankingBasis, TierBasis } from '$lib/domain/tiers';
import { channelLabel, formatMoney, formatPercent, tierLabel } from './labels';

export interface TierExplanation {
	summary: string;
	lines: string[];
	override: string | null;
	totals: string | null;
}

function rankingLine(metric: 'sales' | 'profit', r: RankingBasis): string {
	if (r.rank === null) {
		return metric === 'sales' ? m.tier_sales_none() : m.tier_profit_none();
	}
	const params = {
		rank: r.rank,
		ranked: r.ranked,
		share: formatPercent(r.share),
		cumulative: formatPercent(r.cumulative),
		verdict: r.key ? m.tier_within() : m.tier_outside({ before: formatPercent(r.before) })
	};
	return metric === 'sales' ? m.tier_sales_line(params) : m.tier_profit_line(params);
}

/** The account's tier in words, e.g. "第 2 / 12 名，占该渠道销售额 31%，累计 62%（前 80% 内）". */
export function explainTier(
	account: {
		channel: string;
		currency: string;
		auto_tier: string;
		tier_override: string | null;
		tier_override_reason: string | null;
	},
	basis: TierBasis | null
): TierExplanation {
	const override = account.tier_override
		? `${m.tier_override_line({
				tier: tierLabel(account.tier_override),
				reason: account.tier_override_reason ?? ''
			})} ${m.tier_override_auto({ tier: tierLabel(account.auto_tier) })}`
		: null;
	if (!basis) {
		return { summary: m.tier_not_computed(), lines: [], override, totals: null };
	}
	return {
		summary: account.auto_tier === 'key' ? m.tier_auto_key() : m.tier_auto_regular(),
		lines: [rankingLine('sales', basis.sales), rankingLine('profit', basis.profit)],
		override,
		totals: m.tier_channel_totals({
			channel: channelLabel(account.channel),
			count: basis.count,
			sales: formatMoney(basis.sales.total, account.currency),
			profit: formatMoney(basis.profit.total, account.currency)
		})
	};
}
