import type { RankingBasis, TierBasis } from '$lib/domain/tiers';

/**
 * The 80/20 rule (8020法则), per channel: accounts are sorted by a figure, largest first; an
 * account is key when the share of the channel's total held by the accounts ranked strictly
 * above it is below 80 %. Sales and profit are ranked separately; an account is key if either
 * ranking makes it so. Only positive figures count: a loss-making or zero account never becomes
 * key by that figure, and a channel whose total is zero has no key account by it.
 *
 * Ties share a rank and are treated alike (competition ranking, 1, 2, 2, 4), so the order in
 * which equal accounts happen to be stored never decides who is key.
 *
 * Pure: no database, no clock. Money is integer minor units; comparisons use integers.
 */

export const KEY_SHARE = 0.8;

export interface TierFigures {
	id: number;
	/** Minor units. */
	sales: number;
	/** Minor units; may be zero or negative. */
	profit: number;
}

export type { RankingBasis, TierBasis };

export interface TierResult {
	tier: 'key' | 'regular';
	basis: TierBasis;
}

function rank(items: { id: number; value: number }[]): Map<number, RankingBasis> {
	const positive = items
		.filter((i) => i.value > 0)
		.sort((a, b) => b.value - a.value || a.id - b.id);
	const total = positive.reduce((sum, i) => sum + i.value, 0);
	const out = new Map<number, RankingBasis>();
	let above = 0;
	let index = 0;
	while (index < positive.length) {
		const value = positive[index].value;
		let end = index;
		while (end < positive.length && positive[end].value === value) {
			end++;
		}
		// Integer test for above / total < 0.8, free of floating-point edge cases at exactly 80 %.
		const key = above * 5 < total * 4;
		for (let i = index; i < end; i++) {
			out.set(positive[i].id, {
				rank: index + 1,
				ranked: positive.length,
				value,
				total,
				share: value / total,
				before: above / total,
				cumulative: (above + value) / total,
				key
			});
		}
		above += value * (end - index);
		index = end;
	}
	for (const item of items) {
		if (!out.has(item.id)) {
			out.set(item.id, {
				rank: null,
				ranked: positive.length,
				value: item.value,
				total,
				share: 0,
				before: total > 0 ? 1 : 0,
				cumulative: total > 0 ? 1 : 0,
				key: false
			});
		}
	}
	return out;
}

/** Tiers for the accounts of ONE channel. */
export function computeTiers(accounts: readonly TierFigures[]): Map<number, TierResult> {
	const sales = rank(accounts.map((a) => ({ id: a.id, value: a.sales })));
	const profit = rank(accounts.map((a) => ({ id: a.id, value: a.profit })));
	const out = new Map<number, TierResult>();
	for (const account of accounts) {
		const s = sales.get(account.id)!;
		const p = profit.get(account.id)!;
		out.set(account.id, {
			tier: s.key || p.key ? 'key' : 'regular',
			basis: { count: accounts.length, sales: s, profit: p }
		});
	}
	return out;
}

export interface ParetoPoint {
	id: number;
	value: number;
	share: number;
	/** Running share in the drawn order (ties by id), for the cumulative line. */
	cumulative: number;
}

/** Bars for a Pareto chart: positive figures, largest first, with the running cumulative share. */
export function paretoSeries(items: readonly { id: number; value: number }[]): ParetoPoint[] {
	const positive = items
		.filter((i) => i.value > 0)
		.sort((a, b) => b.value - a.value || a.id - b.id);
	const total = positive.reduce((sum, i) => sum + i.value, 0);
	let running = 0;
	return positive.map((i) => {
		running += i.value;
		return { id: i.id, value: i.value, share: i.value / total, cumulative: running / total };
	});
}

/** Reads a stored basis; tolerates the '{}' an account has before its first computation. */
export function parseBasis(json: string): TierBasis | null {
	try {
		const value = JSON.parse(json) as Partial<TierBasis>;
		return value && value.sales && value.profit ? (value as TierBasis) : null;
	} catch {
		return null;
	}
}
