// Helpers the form field components share; pure, so pages may use them too.

/** The id of the text that describes a control: its error when it has one, else its hint. */
export function describedBy(
	id: string,
	error: string | null | undefined,
	hint: string | null | undefined
): string | undefined {
	return error ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

/** Form values as the server hands them back: one string, several (checkboxes) or none. */
export type FormValues = Record<string, unknown>;

/** The text an input shows for a key; several values are joined (tags "a, b"). */
export function valueOf(values: FormValues, key: string, joiner = ', '): string {
	const value = values[key];
	if (Array.isArray(value)) {
		return value.join(joiner);
	}
	return value == null ? '' : String(value);
}

/** Every value of a key, for checkbox groups. */
export function listOf(values: FormValues, key: string): string[] {
	const value = values[key];
	if (Array.isArray(value)) {
		return value.map(String);
	}
	return value == null || value === '' ? [] : [String(value)];
}
