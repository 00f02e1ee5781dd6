import Papa from 'papaparse';
import { DomainError } from '../errors';

/** A file Gala cannot read at all; nothing is written. `messageKey` is a csv_error_* message. */
export class CsvFileError extends DomainError {}

/** 5 MB holds well over 10,000 contact rows; see BODY_SIZE_LIMIT in the README. */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;
export const MAX_CSV_ROWS = 20_000;

export type CsvEncoding = 'utf-8' | 'gb18030';

/**
 * Bytes → text. Strict UTF-8 first (a BOM is dropped); when that fails the file is read as
 * GB18030, a superset of GBK and GB2312, which is what Excel in China saves as "CSV".
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
	if (bytes.length === 0) {
		throw new CsvFileError('csv_error_empty');
	}
	if (bytes.length > MAX_CSV_BYTES) {
		throw new CsvFileError('csv_error_too_large', { mb: MAX_CSV_BYTES / 1024 / 1024 });
	}
	// Text files have no NUL bytes (UTF-16 and binary files such as .xlsx do).
	if (bytes.includes(0)) {
		throw new CsvFileError('csv_error_not_text');
	}
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		try {
			return {
				text: new TextDecoder('gb18030', { fatal: true }).decode(bytes),
				encoding: 'gb18030'
			};
		} catch {
			throw new CsvFileError('csv_error_encoding');
		}
	}
}

export interface ColumnSpec<K extends string = string> {
	key: K;
	/** Header names accepted on import, compared lower-cased without spaces/underscores. */
	aliases: readonly string[];
	required?: boolean;
}

export interface CsvTable<K extends string> {
	/** Each data row as column key → cell text (trimmed); absent columns are absent keys. */
	rows: { line: number; cells: Partial<Record<K, string>> }[];
	/** Header cells that matched no column (they are ignored, and the preview says so). */
	ignored: string[];
}

const headerKey = (text: string) => text.toLowerCase().replace(/[\s_\-()（）*]/g, '');

/** Parses decoded text with a header row into cells keyed by column; throws CsvFileError. */
export function parseCsvTable<K extends string>(
	text: string,
	columns: readonly ColumnSpec<K>[]
): CsvTable<K> {
	const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: 'greedy' });
	const broken = parsed.errors.find((e) => e.type === 'Quotes');
	if (broken) {
		throw new CsvFileError('csv_error_quotes', { line: (broken.row ?? 0) + 1 });
	}
	const [header, ...data] = parsed.data;
	if (!header || header.every((cell) => !cell.trim())) {
		throw new CsvFileError('csv_error_empty');
	}
	if (data.length === 0) {
		throw new CsvFileError('csv_error_no_rows');
	}
	if (data.length > MAX_CSV_ROWS) {
		throw new CsvFileError('csv_error_too_many_rows', { max: MAX_CSV_ROWS });
	}
	const byAlias = new Map<string, K>();
	for (const column of columns) {
		for (const alias of [column.key, ...column.aliases]) {
			byAlias.set(headerKey(alias), column.key);
		}
	}
	const indexes: [number, K][] = [];
	const ignored: string[] = [];
	const seen = new Set<K>();
	header.forEach((cell, i) => {
		const key = byAlias.get(headerKey(cell));
		if (key && !seen.has(key)) {
			seen.add(key);
			indexes.push([i, key]);
		} else if (cell.trim()) {
			ignored.push(cell.trim());
		}
	});
	const missing = columns.find((c) => c.required && !seen.has(c.key));
	if (missing) {
		throw new CsvFileError('csv_error_missing_column', {
			column: [missing.key, ...missing.aliases.slice(0, 1)].join(' / ')
		});
	}
	// Line numbers count the header as line 1, as a spreadsheet shows them (cells with line
	// breaks make this approximate, which is good enough to find the row).
	const rows = data.map((cells, i) => {
		const out: Partial<Record<K, string>> = {};
		for (const [index, key] of indexes) {
			out[key] = (cells[index] ?? '').trim();
		}
		return { line: i + 2, cells: out };
	});
	return { rows, ignored };
}
