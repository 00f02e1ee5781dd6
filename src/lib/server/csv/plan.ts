import type { z } from 'zod';

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
