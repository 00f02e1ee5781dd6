import { getLocale } from '$lib/paraglide/runtime';

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export function formatDate(iso: string | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
	if (!iso) {
		return '';
	}
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeZone }).format(
		new Date(iso)
	);
}

export function formatDateTime(
	iso: string | null | undefined,
	timeZone = DEFAULT_TIME_ZONE
): string {
	if (!iso) {
		return '';
	}
	return new Intl.DateTimeFormat(getLocale(), {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone
	}).format(new Date(iso));
}

/** A calendar date stored as YYYY-MM-DD, shown without any time-zone shift. */
export function formatPlainDate(date: string | null | undefined): string {
	if (!date) {
		return '';
	}
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
		new Date(`${date}T00:00:00Z`)
	);
}

export function formatNumber(value: number): string {
	return new Intl.NumberFormat(getLocale()).format(value);
}

export function formatMoney(minor: number, currency = 'CNY'): string {
	return new Intl.NumberFormat(getLocale(), {
		style: 'currency',
		currency,
		maximumFractionDigits: 0
	}).format(minor / 100);
}

export function formatPercent(ratio: number): string {
	return new Intl.NumberFormat(getLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(
		ratio
	);
}
