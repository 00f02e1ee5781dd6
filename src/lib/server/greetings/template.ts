import { mergeFields, type MergeField } from '$lib/domain/greetings';

/** {{ field }} with optional spaces; anything else in double braces is an unknown field. */
const FIELD = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Fields used in a text that Gala does not know: an error before anything is sent. */
export function unknownFields(text: string): string[] {
	const unknown = new Set<string>();
	for (const match of text.matchAll(FIELD)) {
		if (!(mergeFields as readonly string[]).includes(match[1])) {
			unknown.add(match[1] || '(empty)');
		}
	}
	return [...unknown];
}

export type MergeValues = Record<MergeField, string>;

/** Fills every {{field}}; call unknownFields first (an unknown one is left as it was). */
export function fill(text: string, values: MergeValues): string {
	return text.replace(FIELD, (whole, name: string) =>
		name in values ? values[name as MergeField] : whole
	);
}

/** Multi-line text (a template) holds no control characters but line breaks and tabs. */
export const noControl = (v: string) => !/[\p{Cc}--[\n\r\t]]/v.test(v);
