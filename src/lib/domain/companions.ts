/** One companion (随行人员) as a guest or staff enter them: each person is one entry. */
export interface CompanionInput {
	name: string;
	name_latin: string;
	dietary: string;
}

/** Separators that mean "more than one person" inside one name box: 张三、李四 / Anna, Ben. */
export const NAME_LIST_SEPARATORS = /[、,，;；/\n]/;

/** Splits text typed as a list of names ("张三、李四", one per line) into one name each. */
export function splitNameList(text: string): string[] {
	return text
		.split(new RegExp(NAME_LIST_SEPARATORS.source + '+'))
		.map((n) => n.trim())
		.filter(Boolean);
}
