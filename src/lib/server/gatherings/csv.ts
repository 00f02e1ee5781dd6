/** The attendee list as CSV for Excel and WPS: UTF-8 with BOM, CRLF, formula-safe. Pure. */

const FORMULA_START = /^[=+\-@\t\r]/;

/** Quotes a cell and defuses text a spreadsheet would run as a formula (CSV injection). */
export function csvCell(value: string | number | null | undefined): string {
	let text = value === null || value === undefined ? '' : String(value);
	if (FORMULA_START.test(text)) {
		text = `'${text}`;
	}
	return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
	const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export interface AttendeeRow {
	name: string;
	name_latin: string | null;
	company: string | null;
	title: string | null;
	role: string;
	email: string | null;
	phone: string | null;
	companions: { name: string; name_latin: string | null; dietary: string | null }[];
	dietary: string | null;
	tour_language: string | null;
	arrival_details: string | null;
	message_to_host: string | null;
	answer_source: string | null;
	answered_at: string | null;
}

/** Header labels come translated from the caller; rows are the people attending. */
export function attendeeCsv(
	labels: {
		name: string;
		nameLatin: string;
		company: string;
		title: string;
		role: string;
		email: string;
		phone: string;
		companions: string;
		companionNames: string;
		dietary: string;
		tourLanguage: string;
		arrival: string;
		message: string;
		source: string;
		answeredAt: string;
	},
	rows: AttendeeRow[],
	roleLabel: (role: string) => string
): string {
	const header = [
		labels.name,
		labels.nameLatin,
		labels.company,
		labels.title,
		labels.role,
		labels.email,
		labels.phone,
		labels.companions,
		labels.companionNames,
		labels.dietary,
		labels.tourLanguage,
		labels.arrival,
		labels.message,
		labels.source,
		labels.answeredAt
	];
	return toCsv(
		header,
		rows.map((r) => [
			r.name,
			r.name_latin,
			r.company,
			r.title,
			roleLabel(r.role),
			r.email,
			r.phone,
			r.companions.length,
			// One companion each: 张三 (Zhang San) — 清真; unnamed ones as "?".
			r.companions
				.map((c) =>
					[
						[c.name || '?', c.name_latin ? `(${c.name_latin})` : ''].filter(Boolean).join(' '),
						c.dietary
					]
						.filter(Boolean)
						.join(' — ')
				)
				.join('、'),
			r.dietary,
			r.tour_language,
			r.arrival_details,
			r.message_to_host,
			r.answer_source,
			r.answered_at
		])
	);
}
