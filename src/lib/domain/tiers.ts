// Why an account has its tier: the 80/20 ranking figures the server computes
// (`$lib/server/accounts/tiers.ts`) and the account page explains.

export interface RankingBasis {
	/** 1-based competition rank among accounts with a positive figure; null when not positive. */
	rank: number | null;
	/** How many accounts in the channel have a positive figure. */
	ranked: number;
	value: number;
	/** Channel total of positive figures. */
	total: number;
	/** This account's share of the total (0..1). */
	share: number;
	/** Share held by accounts ranked strictly above this one. */
	before: number;
	/** before + share. */
	cumulative: number;
	key: boolean;
}

export interface TierBasis {
	/** Accounts in the channel. */
	count: number;
	sales: RankingBasis;
	profit: RankingBasis;
}
