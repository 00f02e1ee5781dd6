import { z } from 'zod';
import type { MessageKey } from '$lib/i18n';
import { isTimeZone } from './time';

/**
 * Characters that break what Gala writes (CSV, calendar files, PDFs, emails, the screen): C0
 * controls other than tab and line breaks (NUL, BEL, ESC …), DEL, the C1 controls, and the bidi
 * embeddings, overrides and isolates (U+202A–202E, U+2066–2069) that reorder text invisibly.
 */
// eslint-disable-next-line no-control-regex
const BREAKING = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const LINE_BREAK = /[\r\n\u2028\u2029]/;

/** `value` without those characters, for names Gala keeps but cannot refuse (uploaded files). */
export function stripBreaking(value: string): string {
	return value.replace(new RegExp(BREAKING.source, 'g'), '');
}

/** Why `value` may not be stored as typed (a message key), or null when it may. */
export function textProblem(value: string, multiline = false): MessageKey | null {
	if (BREAKING.test(value)) {
		return 'security_error_control_chars';
	}
	if (!multiline && LINE_BREAK.test(value)) {
		return 'security_error_line_breaks';
	}
	return null;
}

/**
 * Free text as every form, the CSV importer and the guests' page take it: trimmed, at most `max`
 * characters, refusing the characters above; line breaks only when `multiline` (then stored as
 * '\n'). The one rule for text fields; schemas build on it.
 */
export function text(max: number, options: { multiline?: boolean; min?: number } = {}) {
	const multiline = options.multiline ?? false;
	let schema = z.string().trim();
	if (options.min) {
		schema = schema.min(options.min, 'error_required');
	}
	return schema
		.max(max, 'error_too_long')
		.superRefine((value, ctx) => {
			const problem = textProblem(value, multiline);
			if (problem) {
				ctx.addIssue({ code: 'custom', message: problem });
			}
		})
		.transform((value) => (multiline ? value.replace(/\r\n?/g, '\n') : value));
}

/** Text that must be given. */
export function requiredText(max: number, options: { multiline?: boolean } = {}) {
	return text(max, { ...options, min: 1 });
}

/** Optional free text: '' or missing becomes null. */
export function optionalText(max: number, options: { multiline?: boolean } = {}) {
	return text(max, options)
		.optional()
		.transform((v) => (v ? v : null));
}

/** An optional email: trimmed, lower-cased, checked; '' or missing becomes null. */
export function optionalEmail() {
	return z
		.string()
		.trim()
		.toLowerCase()
		.max(200, 'error_too_long')
		.optional()
		.refine((v) => !v || z.email().safeParse(v).success, 'error_email')
		.transform((v) => (v ? v : null));
}

/**
 * An optional field read by `parse`: missing (a CSV without the column) is undefined, so the
 * stored value stays; empty is null, which clears it; what `parse` refuses (null) is `message`.
 */
export function optionalParsed<T>(parse: (value: string) => T | null, message: MessageKey) {
	return z
		.string()
		.trim()
		.optional()
		.transform((v, ctx): T | null | undefined => {
			if (v === undefined) {
				return undefined;
			}
			if (!v) {
				return null;
			}
			const parsed = parse(v);
			if (parsed === null) {
				ctx.addIssue({ code: 'custom', message });
				return z.NEVER;
			}
			return parsed;
		});
}

/** A time zone field: '' or missing is the company's usual zone, Asia/Shanghai. */
export function timeZoneField() {
	return z
		.string()
		.trim()
		.optional()
		.transform((v) => v || 'Asia/Shanghai')
		.refine(isTimeZone, 'error_time_zone');
}

/** An optional choice of a record by id (a select's value): '' or missing becomes null. */
export function optionalId() {
	return z
		.union([z.string(), z.number(), z.null()])
		.optional()
		.transform((value, ctx) => {
			if (value === null || value === undefined || value === '') {
				return null;
			}
			const id = Number(value);
			if (!Number.isInteger(id) || id <= 0) {
				ctx.addIssue({ code: 'custom', message: 'error_choice' });
				return z.NEVER;
			}
			return id;
		});
}
