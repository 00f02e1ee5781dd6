import { getLocale } from '$lib/paraglide/runtime';

/** ISO weekday (1 = Monday) as a short name in the current language: 周一 / Mon. */
export function weekdayLabel(day: number): string {
	// 2024-01-01 was a Monday.
	return new Intl.DateTimeFormat(getLocale(), { weekday: 'short', timeZone: 'UTC' }).format(
		new Date(Date.UTC(2024, 0, day))
	);
}

/** '1,2,3,4,5' → '周一、周二…' / 'Mon, Tue…'. */
export function weekdaysLabel(days: string): string {
	return days
		.split(',')
		.filter(Boolean)
		.map((d) => weekdayLabel(Number(d)))
		.join(getLocale() === 'en' ? ', ' : '、');
}

/** A yearly date 'MM-DD' (with an optional year) in the current language: 5月20日 / May 20. */
export function monthDayLabel(monthDay: string | null, year: number | null = null): string {
	if (!monthDay) {
		return '';
	}
	const [month, day] = monthDay.split('-').map(Number);
	const options: Intl.DateTimeFormatOptions = { month: 'long', day: 'numeric', timeZone: 'UTC' };
	if (year) {
		options.year = 'numeric';
	}
	return new Intl.DateTimeFormat(getLocale(), options).format(
		new Date(Date.UTC(year ?? 2000, month - 1, day))
	);
}
