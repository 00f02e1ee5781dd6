import { describe, expect, it } from 'vitest';
import {
	computeTiers,
	paretoSeries,
	parseBasis,
	type TierFigures
} from '$lib/server/accounts/tiers';

function tiersOf(accounts: TierFigures[]): Record<number, string> {
	return Object.fromEntries([...computeTiers(accounts)].map(([id, r]) => [id, r.tier]));
}

describe('80/20 tiers', () => {
	it('makes key the accounts whose cumulative sales share before them is under 80 %', () => {
		// Sales 50, 25, 10, 10, 5 (total 100): before-shares 0, 50, 75, 85, 95.
		const accounts = [
			{ id: 1, sales: 5000, profit: 0 },
			{ id: 2, sales: 2500, profit: 0 },
			{ id: 3, sales: 1000, profit: 0 },
			{ id: 4, sales: 500, profit: 0 },
			{ id: 5, sales: 999, profit: 0 }
		];
		const result = computeTiers(accounts);
		expect(tiersOf(accounts)).toEqual({ 1: 'key', 2: 'key', 3: 'key', 4: 'regular', 5: 'regular' });
		const third = result.get(3)!.basis.sales;
		expect(third.rank).toBe(3);
		expect(third.ranked).toBe(5);
		expect(third.total).toBe(9999);
		expect(third.before).toBeCloseTo(7500 / 9999);
		expect(third.cumulative).toBeCloseTo(8500 / 9999);
	});

	it('does not make key an account that starts exactly at 80 %', () => {
		const accounts = [
			{ id: 1, sales: 80, profit: 0 },
			{ id: 2, sales: 20, profit: 0 }
		];
		expect(tiersOf(accounts)).toEqual({ 1: 'key', 2: 'regular' });
	});

	it('counts an account key by profit even when its sales are small', () => {
		const accounts = [
			{ id: 1, sales: 9000, profit: 100 },
			{ id: 2, sales: 500, profit: 900 },
			{ id: 3, sales: 500, profit: 0 }
		];
		const result = computeTiers(accounts);
		expect(tiersOf(accounts)).toEqual({ 1: 'key', 2: 'key', 3: 'regular' });
		expect(result.get(2)!.basis.sales.key).toBe(false);
		expect(result.get(2)!.basis.profit.key).toBe(true);
		expect(result.get(2)!.basis.profit.rank).toBe(1);
	});

	it('treats tied accounts alike, whatever their order', () => {
		// 40, 20, 20, 20: the tie starts at 40 % so all three are key.
		const accounts = [
			{ id: 7, sales: 20, profit: 0 },
			{ id: 3, sales: 40, profit: 0 },
			{ id: 9, sales: 20, profit: 0 },
			{ id: 1, sales: 20, profit: 0 }
		];
		const result = computeTiers(accounts);
		expect(tiersOf(accounts)).toEqual({ 1: 'key', 3: 'key', 7: 'key', 9: 'key' });
		expect([1, 7, 9].map((id) => result.get(id)!.basis.sales.rank)).toEqual([2, 2, 2]);
		// 85, 5, 5, 5: the tied tail starts at 85 %, so none of it is key.
		const tail = [
			{ id: 1, sales: 85, profit: 0 },
			{ id: 2, sales: 5, profit: 0 },
			{ id: 3, sales: 5, profit: 0 },
			{ id: 4, sales: 5, profit: 0 }
		];
		expect(tiersOf(tail)).toEqual({ 1: 'key', 2: 'regular', 3: 'regular', 4: 'regular' });
	});

	it('ignores zero and negative profit', () => {
		const accounts = [
			{ id: 1, sales: 0, profit: -500 },
			{ id: 2, sales: 0, profit: 0 },
			{ id: 3, sales: 0, profit: 100 }
		];
		const result = computeTiers(accounts);
		expect(tiersOf(accounts)).toEqual({ 1: 'regular', 2: 'regular', 3: 'key' });
		const loss = result.get(1)!.basis.profit;
		expect(loss.rank).toBeNull();
		expect(loss.total).toBe(100);
		expect(loss.share).toBe(0);
		expect(loss.value).toBe(-500);
	});

	it('makes no account key in a channel where every figure is zero or a loss', () => {
		const accounts = [
			{ id: 1, sales: 0, profit: -10 },
			{ id: 2, sales: 0, profit: 0 }
		];
		const result = computeTiers(accounts);
		expect(tiersOf(accounts)).toEqual({ 1: 'regular', 2: 'regular' });
		expect(result.get(1)!.basis.sales.total).toBe(0);
		expect(result.get(1)!.basis.sales.share).toBe(0);
	});

	it('makes a single account with sales key', () => {
		const result = computeTiers([{ id: 5, sales: 1, profit: 0 }]);
		expect(result.get(5)!.tier).toBe('key');
		expect(result.get(5)!.basis).toMatchObject({
			count: 1,
			sales: { rank: 1, share: 1, before: 0, cumulative: 1 }
		});
	});

	it('returns nothing for an empty channel', () => {
		expect(computeTiers([]).size).toBe(0);
		expect(paretoSeries([])).toEqual([]);
	});

	it('draws the Pareto series largest first with a running share ending at 100 %', () => {
		const series = paretoSeries([
			{ id: 1, value: 10 },
			{ id: 2, value: 30 },
			{ id: 3, value: -5 },
			{ id: 4, value: 60 }
		]);
		expect(series.map((p) => p.id)).toEqual([4, 2, 1]);
		expect(series.map((p) => p.cumulative)).toEqual([0.6, 0.9, 1]);
	});

	it('reads a stored basis and tolerates the empty default', () => {
		const [result] = computeTiers([{ id: 1, sales: 1, profit: 1 }]).values();
		expect(parseBasis(JSON.stringify(result.basis))).toEqual(result.basis);
		expect(parseBasis('{}')).toBeNull();
		expect(parseBasis('not json')).toBeNull();
	});
});
