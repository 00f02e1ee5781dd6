import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import ParetoChart from '../../src/routes/(staff)/accounts/ParetoChart.svelte';
import { paretoSeries } from '$lib/server/accounts/tiers';

const names: Record<number, string> = { 1: '华联商贸', 2: '恒通', 3: '<b>嘉禾</b>' };

function bars(values: Record<number, number>) {
	return paretoSeries(Object.entries(values).map(([id, value]) => ({ id: Number(id), value }))).map(
		(p, i) => ({ ...p, name: names[p.id], keyByMetric: i < 2, keyByOther: false })
	);
}

describe('Pareto chart', () => {
	it('renders on the server: one bar per account, the 80 % marker and a text summary', () => {
		const { body } = render(ParetoChart, {
			props: {
				bars: bars({ 1: 500, 2: 300, 3: 200 }),
				metric: 'sales',
				currency: 'CNY',
				channelName: '经销商',
				count: 3
			}
		});
		expect(body.match(/<rect/g)?.length).toBe(3);
		expect(body).toContain('80%');
		expect(body).toContain('role="img"');
		expect(body).toMatch(/<path d="M16\.67,50\.00 L50\.00,20\.00 L83\.33,0\.00"/);
		expect(body).toContain('&lt;b>嘉禾&lt;/b>');
		expect(body).not.toContain('<b>嘉禾</b>');
	});

	it('says so when no account has a positive figure', () => {
		const { body } = render(ParetoChart, {
			props: { bars: [], metric: 'profit', currency: 'CNY', channelName: '其他', count: 2 }
		});
		expect(body).not.toContain('<svg');
		expect(body).toMatch(/利润|profit/);
	});
});
