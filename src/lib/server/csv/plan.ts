import type { z } from 'zod';
import { DomainError } from '../errors';

/** One problem in one cell: `field` is a column key, `key`/`params` a message to translate. */
export interface RowIssue {
	field: string;
	key: string;
	params?: Record<string, string | number>;
}

export interface PlannedRow {
	/** Line in the file, the header being line 1. */
	line: number;
	/** What identifies the row to a person: the name, and the company or email. */
	name: string;
	detail: string;
	action: 'create' | 'update' | 'error';
	issues: RowIssue[];
}

export interface ImportPlan {
	kind: 'contacts' | 'accounts';
	encoding: 'utf-8' | 'gb18030';
	/** Header cells that matched no column. */
	ignored: string[];
	rows: PlannedRow[];
	counts: { create: number; update: number; error: number };
}

export function countRows(rows: readonly PlannedRow[]): ImportPlan['counts'] {
	const counts = { create: 0, update: 0, error: 0 };
	for (const row of rows) {
		counts[row.action]++;
	}
	return counts;
}

/** Zod issues as row issues, one per field (the first), on the CSV's column keys. */
export function zodIssues(error: z.ZodError, rename: Record<string, string> = {}): RowIssue[] {
	const out = new Map<string, RowIssue>();
	for (const issue of error.issues) {
		const top = String(issue.path[0] ?? '_row');
		const field = rename[top] ?? top;
		if (!out.has(field)) {
			out.set(field, { field, key: issue.message });
		}
	}
	return [...out.values()];
}

/** Rows planned from a file, with their counts. */
export function planOf(
	kind: ImportPlan['kind'],
	encoding: ImportPlan['encoding'],
	ignored: string[],
	rows: PlannedRow[]
): ImportPlan {
	return { kind, encoding, ignored, rows, counts: countRows(rows) };
}

/** A file whose rows have errors, imported without "skip rows with errors". */
export class ImportHasErrorsError extends DomainError {
	constructor(count: number) {
		super('csv_error_rows_invalid', { count });
	}
}

/** Refuses a plan with errors unless rows with errors are to be skipped. */
export function checkPlan(plan: ImportPlan, options: { skipInvalid?: boolean }): void {
	if (plan.counts.error > 0 && !options.skipInvalid) {
		throw new ImportHasErrorsError(plan.counts.error);
	}
}

export interface ImportResult {
	created: number;
	updated: number;
	unchanged: number;
	skipped: number;
}
