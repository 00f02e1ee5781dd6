/** Accounts are reviewed every month (客户档案每月复核); these decide when one is overdue. */

export { todayIn } from '../time';

/** The same day one month earlier, clamped to the month's end (03-31 → 02-28). */
export function monthBefore(date: string): string {
	const [year, month, day] = date.split('-').map(Number);
	const targetYear = month === 1 ? year - 1 : year;
	const targetMonth = month === 1 ? 12 : month - 1;
	const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${targetYear}-${pad(targetMonth)}-${pad(Math.min(day, lastDay))}`;
}

/** Never reviewed, or last reviewed more than a month before `today`. */
export function isReviewDue(lastReviewedOn: string | null, today: string): boolean {
	return !lastReviewedOn || lastReviewedOn < monthBefore(today);
}
