import { z } from 'zod';

// Control characters other than tab and newline are refused in every programme text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Trimmed text up to `max` characters, '' when left empty. */
export function text(max: number) {
	return z
		.string()
		.trim()
		.max(max, 'error_too_long')
		.refine((v) => !CONTROL.test(v), 'program_error_control')
		.optional()
		.transform((v) => v ?? '');
}

export function requiredText(max: number) {
	return z
		.string()
		.trim()
		.min(1, 'error_required')
		.max(max, 'error_too_long')
		.refine((v) => !CONTROL.test(v), 'program_error_control');
}

export const checkbox = z
	.string()
	.optional()
	.transform((v) => v === 'on' || v === '1' || v === 'true');

export function intIn(min: number, max: number) {
	return z.coerce
		.number({ message: 'program_error_number' })
		.int('program_error_number')
		.min(min, 'program_error_number')
		.max(max, 'program_error_number');
}

export const idList = z
	.array(z.string())
	.optional()
	.transform((v) => (v ?? []).map(Number).filter((n) => Number.isInteger(n) && n > 0));
