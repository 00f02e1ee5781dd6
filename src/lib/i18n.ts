import { m } from '$lib/paraglide/messages';
import { getLocale, locales } from '$lib/paraglide/runtime';

/**
 * The name of a message in messages/**\/{locale}.json. Fixed texts call `m.key()` directly;
 * `MessageKey` types the keys that travel as data (service errors, schema issues), so a typo
 * fails svelte-check instead of showing the raw key to a user.
 */
export type MessageKey = keyof typeof m;
export type Locale = (typeof locales)[number];
export type MessageParams = Record<string, string | number>;
type MessageFn = (params?: MessageParams, options?: { locale?: Locale }) => string;

/**
 * A message that takes no parameters, as the kind → message maps hold them
 * (`Record<LedgerState, LabelFn>`): `label()` in the current language, `label({}, { locale })`.
 */
export type LabelFn = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;
const messages = m as unknown as Record<string, MessageFn | undefined>;

/** Translates a message named at run time (error keys from services and schemas). */
export function t(key: MessageKey, params: MessageParams = {}, locale?: Locale): string {
	const fn = messages[key];
	return fn ? fn(params, locale ? { locale } : undefined) : key;
}

/** Whether `key` names a message (for keys read from stored data, such as an activity's action). */
export function hasMessage(key: string): key is MessageKey {
	return typeof messages[key] === 'function';
}

/**
 * A zod issue's message (or a CSV row issue's key) in the user's language. Gala's schemas give message keys; zod's own
 * English default (a check that names no key) is shown as it is.
 */
export function issueMessage(message: string, params: MessageParams = {}, locale?: Locale): string {
	return hasMessage(message) ? t(message, params, locale) : message;
}

export function currentLocale(): 'zh-CN' | 'en' {
	return getLocale();
}
