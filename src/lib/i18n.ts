import { m } from '$lib/paraglide/messages';
import { getLocale, locales } from '$lib/paraglide/runtime';

export type MessageParams = Record<string, string | number>;
type MessageFn = (
	params?: MessageParams,
	options?: { locale?: (typeof locales)[number] }
) => string;
const messages = m as unknown as Record<string, MessageFn | undefined>;

/** Translates a message named at run time (error keys from services and schemas). */
export function t(
	key: string,
	params: MessageParams = {},
	locale?: (typeof locales)[number]
): string {
	const fn = messages[key];
	return fn ? fn(params, locale ? { locale } : undefined) : key;
}

export function hasMessage(key: string): boolean {
	return typeof messages[key] === 'function';
}

export function currentLocale(): 'zh-CN' | 'en' {
	return getLocale();
}
