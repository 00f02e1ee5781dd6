import { fail, type ActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';
import { issueMessage, t } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { DomainError } from './errors';

export type FieldErrors = Record<string, string>;
/** What every form action hands back on failure: what was typed, per-field and overall messages. */
export interface FormFailure {
	values: Record<string, string | string[] | undefined>;
	errors: FieldErrors;
	message: string;
}

/** FormData → plain object; repeated names become arrays, empty strings stay '' for the schema. */
export function formToObject(
	form: FormData,
	arrays: string[] = []
): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const key of new Set(form.keys())) {
		const values = form.getAll(key).filter((v): v is string => typeof v === 'string');
		out[key] = arrays.includes(key) ? values : (values[0] ?? '');
	}
	for (const key of arrays) {
		out[key] ??= [];
	}
	return out;
}

/** The first message per field, translated into the current language. */
export function fieldErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) {
		const field = issue.path.join('.') || '_form';
		errors[field] ??= issueMessage(issue.message);
	}
	return errors;
}

/**
 * Parses a form with a schema. On failure returns the `fail(400)` to hand back, carrying the
 * submitted values (minus secrets) so nothing typed is lost.
 */
export function parseForm<S extends z.ZodType>(
	schema: S,
	form: FormData,
	options: { arrays?: string[]; secret?: string[] } = {}
): { ok: true; data: z.infer<S> } | { ok: false; failure: ActionFailure<FormFailure> } {
	const raw = formToObject(form, options.arrays);
	const parsed = schema.safeParse(raw);
	if (parsed.success) {
		return { ok: true, data: parsed.data };
	}
	const values = { ...raw };
	for (const key of options.secret ?? []) {
		delete values[key];
	}
	return {
		ok: false,
		failure: fail(400, {
			values,
			errors: fieldErrors(parsed.error),
			message: m.error_form()
		} satisfies FormFailure)
	};
}

/** Turns a service's DomainError into a form failure with its message; rethrows anything else. */
export function failFromDomain(
	err: unknown,
	values: FormFailure['values'] = {}
): ActionFailure<FormFailure> {
	if (err instanceof DomainError) {
		return fail(err.status, { values, errors: {}, message: t(err.messageKey, err.params) });
	}
	throw err;
}
