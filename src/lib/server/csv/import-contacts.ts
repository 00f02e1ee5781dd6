import type { Executor } from '../db';
import type { Contact } from '../db/schema';
import { DomainError } from '../errors';
import { inTransaction } from '../accounts/transaction';
import * as repo from '../contacts/repository';
import { contactColumns } from './columns';
import {
	contactInputSchema,
	formatMonthDay,
	parseDatesCell,
	type ContactInput
} from '../contacts/schema';
import { contactColumnsFor, updateContact } from '../contacts/service';
import { nowIso } from '../time';
import { decodeCsv, parseCsvTable } from './decode';
import { countRows, zodIssues, type ImportPlan, type PlannedRow, type RowIssue } from './plan';
import { unneutralise } from './write';

type Cells = Partial<Record<(typeof contactColumns)[number]['key'], string>>;

interface Accepted {
	line: number;
	input: ContactInput;
	existing: Contact | null;
}

/** A stored contact as raw input, so a CSV row that leaves out a column keeps that value. */
function rawFromContact(
	c: Contact,
	dates: { label: string; month_day: string; year: number | null }[]
) {
	return {
		name: c.name,
		name_latin: c.name_latin ?? '',
		salutation: c.salutation ?? '',
		title: c.title ?? '',
		email: c.email ?? '',
		phone: c.phone ?? '',
		locale: c.locale,
		time_zone: c.time_zone,
		working_days: c.working_days,
		work_start: c.work_start,
		work_end: c.work_end,
		birthday: formatMonthDay(c.birthday, c.birth_year),
		dates: dates.map((d) => ({ label: d.label, date: formatMonthDay(d.month_day, d.year) })),
		dietary: c.dietary ?? '',
		hobbies: c.hobbies ?? '',
		style_notes: c.style_notes ?? '',
		greeting_opt_out: c.greeting_opt_out ? 'yes' : '',
		notes: c.notes ?? ''
	};
}

/**
 * Reads a contacts CSV and decides, row by row, what importing it would do. Contacts are matched
 * to existing ones by email (an existing email updates that contact; the columns the file leaves
 * out keep their values), and to accounts by the company column (account name, or English name
 * ignoring case). An unknown company is a row error: creating accounts from a contacts file
 * would invent accounts without a channel or figures, and a typo would split a company in two.
 */
export async function planContactImport(db: Executor, bytes: Uint8Array) {
	const { text, encoding } = decodeCsv(bytes);
	const table = parseCsvTable(text, contactColumns);

	const accounts = await db
		.selectFrom('account')
		.select(['id', 'name', 'name_en'])
		.orderBy('id')
		.execute();
	const byName = new Map<string, number>();
	const byLatin = new Map<string, number>();
	for (const a of accounts) {
		if (!byName.has(a.name)) {
			byName.set(a.name, a.id);
		}
		const latin = a.name_en?.trim().toLowerCase();
		if (latin && !byLatin.has(latin)) {
			byLatin.set(latin, a.id);
		}
	}
	const emails = new Map(
		(
			await db
				.selectFrom('contact')
				.select(['id', 'email'])
				.where('email', 'is not', null)
				.execute()
		).map((c) => [c.email!, c.id])
	);

	const rows: PlannedRow[] = [];
	const accepted: Accepted[] = [];
	const firstLineOfEmail = new Map<string, number>();
	for (const { line, cells: rawCells } of table.rows) {
		const cells: Cells = {};
		for (const [key, value] of Object.entries(rawCells) as [keyof Cells, string][]) {
			cells[key] = unneutralise(value);
		}
		const issues: RowIssue[] = [];
		const company = cells.company ?? '';
		const accountId = byName.get(company) ?? byLatin.get(company.toLowerCase());
		if (!company) {
			issues.push({ field: 'company', key: 'error_required' });
		} else if (!accountId) {
			issues.push({ field: 'company', key: 'csv_error_unknown_company', params: { company } });
		}
		const email = cells.email?.toLowerCase();
		const existingId = email ? emails.get(email) : undefined;
		let existing: Contact | null = null;
		let base: Record<string, unknown> = {};
		if (existingId) {
			existing = (await repo.findContactById(db, existingId)) ?? null;
			if (existing) {
				base = rawFromContact(existing, await repo.listContactDates(db, existingId));
			}
		}
		const raw: Record<string, unknown> = { ...base, account_id: accountId ?? 0 };
		for (const [key, value] of Object.entries(cells)) {
			if (key !== 'company') {
				raw[key] = key === 'dates' ? parseDatesCell(value) : value;
			}
		}
		const parsed = contactInputSchema.safeParse(raw);
		if (!parsed.success) {
			issues.push(...zodIssues(parsed.error).filter((i) => i.field !== 'account_id'));
		}
		if (email && !issues.some((i) => i.field === 'email')) {
			const first = firstLineOfEmail.get(email);
			if (first) {
				issues.push({ field: 'email', key: 'csv_error_duplicate_email', params: { line: first } });
			} else {
				firstLineOfEmail.set(email, line);
			}
		}
		const ok = issues.length === 0 && parsed.success;
		rows.push({
			line,
			name: cells.name ?? '',
			detail: [company, cells.email].filter(Boolean).join(' · '),
			action: ok ? (existing ? 'update' : 'create') : 'error',
			issues
		});
		if (ok) {
			accepted.push({ line, input: parsed.data, existing });
		}
	}
	const plan: ImportPlan = {
		kind: 'contacts',
		encoding,
		ignored: table.ignored,
		rows,
		counts: countRows(rows)
	};
	return { plan, accepted };
}

/** A file whose rows have errors, imported without "skip rows with errors". */
/** Rows per multi-row INSERT: 23 columns × 400 stays far below SQLite's 32,766 variables. */
const INSERT_CHUNK = 400;

export class ImportHasErrorsError extends DomainError {
	constructor(count: number) {
		super('csv_error_rows_invalid', { count });
	}
}

export interface ImportResult {
	created: number;
	updated: number;
	unchanged: number;
	skipped: number;
}

/**
 * Imports a contacts CSV in ONE transaction: the file is planned again inside it (so it sees
 * what the database holds now), then every accepted row is written. With errors in the file
 * nothing is written unless `skipInvalid` says to leave those rows out.
 */
export async function importContacts(
	db: Executor,
	bytes: Uint8Array,
	userId: number | null,
	options: { skipInvalid?: boolean } = {}
): Promise<ImportResult> {
	return inTransaction(db, async (trx) => {
		const { plan, accepted } = await planContactImport(trx, bytes);
		if (plan.counts.error > 0 && !options.skipInvalid) {
			throw new ImportHasErrorsError(plan.counts.error);
		}
		const now = nowIso();
		const activity: {
			at: string;
			user_id: number | null;
			action: string;
			subject_type: string;
			subject_id: number;
			account_id: number;
			details: string;
		}[] = [];
		let updated = 0;
		let unchanged = 0;
		const fresh: ContactInput[] = [];
		for (const { input, existing } of accepted) {
			if (!existing) {
				fresh.push(input);
				continue;
			}
			const changed = await updateContact(trx, existing.id, input, userId, { source: 'csv' });
			if (changed.length > 0) {
				updated++;
			} else {
				unchanged++;
			}
		}
		// New rows skip the service's per-row checks (the plan above made them in this same
		// transaction) and go in as multi-row INSERTs: 10,000 rows must take a second or two.
		const dates: { contact_id: number; label: string; month_day: string; year: number | null }[] =
			[];
		for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
			const chunk = fresh.slice(i, i + INSERT_CHUNK);
			const rows = await trx
				.insertInto('contact')
				.values(
					chunk.map((input) => ({ ...contactColumnsFor(input), created_at: now, updated_at: now }))
				)
				.returning('id')
				.execute();
			// AUTOINCREMENT hands out ascending ids in VALUES order, whatever order RETURNING uses.
			const ids = rows.map((r) => r.id).sort((a, b) => a - b);
			chunk.forEach((input, j) => {
				for (const date of input.dates) {
					dates.push({ contact_id: ids[j], ...date });
				}
				activity.push({
					at: now,
					user_id: userId,
					action: 'contact.created',
					subject_type: 'contact',
					subject_id: ids[j],
					account_id: input.account_id,
					details: JSON.stringify({ name: input.name, source: 'csv' })
				});
			});
		}
		for (let i = 0; i < dates.length; i += 1000) {
			await trx
				.insertInto('contact_date')
				.values(dates.slice(i, i + 1000))
				.execute();
		}
		for (let i = 0; i < activity.length; i += 500) {
			await trx
				.insertInto('activity')
				.values(activity.slice(i, i + 500))
				.execute();
		}
		return {
			created: activity.length,
			updated,
			unchanged,
			skipped: plan.counts.error
		};
	});
}
