import { describe, expect, it } from 'vitest';
import { isReviewDue, monthBefore, todayIn } from '$lib/server/accounts/review';

describe('monthly review', () => {
	it('goes back one calendar month, clamping to the shorter month', () => {
		expect(monthBefore('2026-03-15')).toBe('2026-02-15');
		expect(monthBefore('2026-03-31')).toBe('2026-02-28');
		expect(monthBefore('2024-03-30')).toBe('2024-02-29');
		expect(monthBefore('2026-01-10')).toBe('2025-12-10');
	});

	it('flags accounts never reviewed or reviewed more than a month ago', () => {
		expect(isReviewDue(null, '2026-05-20')).toBe(true);
		expect(isReviewDue('2026-04-19', '2026-05-20')).toBe(true);
		expect(isReviewDue('2026-04-20', '2026-05-20')).toBe(false);
		expect(isReviewDue('2026-05-20', '2026-05-20')).toBe(false);
	});

	it("gives today's date in the company's time zone", () => {
		const lateUtc = new Date('2026-05-20T17:30:00Z');
		expect(todayIn('Asia/Shanghai', lateUtc)).toBe('2026-05-21');
		expect(todayIn('Europe/London', lateUtc)).toBe('2026-05-20');
	});
});
