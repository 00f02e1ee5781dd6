/**
 * CSV as Excel opens it: UTF-8 with a byte-order mark (without it Excel in China reads GBK and
 * garbles Chinese), CRLF line ends, RFC 4180 quoting.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell that a spreadsheet would run as a formula (= + - @, tab, CR at the start) gets a
 * leading apostrophe, so it shows as text (OWASP "CSV injection"). The importer removes it again.
 * Numbers are written as numbers and never changed.
 */
export function neutralise(cell: string): string {
	return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Undoes `neutralise` on import: an apostrophe followed by a formula character is dropped. */
export function unneutralise(cell: string): string {
	return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

function quote(cell: string): string {
	return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export type Cell = string | number | null | undefined;

export function csvLine(cells: readonly Cell[]): string {
	return cells
		.map((cell) =>
			typeof cell === 'number' ? String(cell) : quote(neutralise(cell == null ? '' : cell))
		)
		.join(',');
}

export const BOM = '\uFEFF';

/** The whole file as text, BOM first; callers encode it as UTF-8. */
export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
	const lines = [csvLine(header)];
	for (const row of rows) {
		lines.push(csvLine(row));
	}
	return BOM + lines.join('\r\n') + '\r\n';
}

/** A file name safe in Content-Disposition, with the date: 'contacts-2026-11-23.csv'. */
export function csvDisposition(base: string, today: string): string {
	return `attachment; filename="${base}-${today}.csv"`;
}
