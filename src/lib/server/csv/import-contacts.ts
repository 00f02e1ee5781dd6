import type { Executor } from '../db';
import type { Contact } from '../db/schema';
import { recordActivities, type ActivityInput } from '../activity/repository';
import { inTransaction } from '../accounts/transaction';
import { contactAsText } from '../contacts/queries';
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
import { accountFinder, firstLines } from './match';
import {
	checkPlan,
	planOf,
	zodIssues,
	type ImportResult,
	type PlannedRow,
	type RowIssue
} from './plan';
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
		...contactAsText(c),
		dates: dates.map((d) => ({ label: d.label, date: formatMonthDay(d.month_day, d.year) })),
		greeting_opt_out: c.greeting_opt_out ? 'yes' : ''
	};
}

/** What a contacts file is checked against: accounts by name, contacts by email. */
interface ContactLookups {
	findAccount: (company: string) => number | undefined;
	contactByEmail: Map<string, number>;
	firstLineOf: (email: string, line: number) => number | undefined;
}

/** The stored contact a row's email names, and its values as raw input (else empty). */
async function existingContact(db: Executor, existingId: number | undefined) {
	const existing = existingId ? ((await repo.findContactById(db, existingId)) ?? null) : null;
	const base = existing
		? rawFromContact(existing, await repo.listContactDates(db, existing.id))
		: {};
	return { existing, base };
}

/** One row: its issues and, when it has none, the contact input and the contact it updates. */
async function planContactRow(
	db: Executor,
	lookups: ContactLookups,
	line: number,
	rawCells: Record<string, string>
): Promise<{ row: PlannedRow; accepted: Accepted | null }> {
	const cells: Cells = {};
	for (const [key, value] of Object.entries(rawCells) as [keyof Cells, string][]) {
		cells[key] = unneutralise(value);
	}
	const issues: RowIssue[] = [];
	const company = cells.company ?? '';
	const accountId = company ? lookups.findAccount(company) : undefined;
	if (!company) {
		issues.push({ field: 'company', key: 'error_required' });
	} else if (!accountId) {
		issues.push({ field: 'company', key: 'csv_error_unknown_company', params: { company } });
	}
	const email = cells.email?.toLowerCase();
	const { existing, base } = await existingContact(
		db,
		email ? lookups.contactByEmail.get(email) : undefined
	);
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
	const first =
		email && !issues.some((i) => i.field === 'email')
			? lookups.firstLineOf(email, line)
			: undefined;
	if (first) {
		issues.push({ field: 'email', key: 'csv_error_duplicate_email', params: { line: first } });
	}
	const ok = issues.length === 0 && parsed.success;
	return {
		row: {
			line,
			name: cells.name ?? '',
			detail: [company, cells.email].filter(Boolean).join(' · '),
			action: ok ? (existing ? 'update' : 'create') : 'error',
			issues
		},
		accepted: ok ? { line, input: parsed.data, existing } : null
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
	const lookups: ContactLookups = {
		findAccount: await accountFinder(db),
		contactByEmail: await repo.contactIdsByEmail(db),
		firstLineOf: firstLines()
	};
	const rows: PlannedRow[] = [];
	const accepted: Accepted[] = [];
	for (const { line, cells } of table.rows) {
		const planned = await planContactRow(db, lookups, line, cells);
		rows.push(planned.row);
		if (planned.accepted) {
			accepted.push(planned.accepted);
		}
	}
	return { plan: planOf('contacts', encoding, table.ignored, rows), accepted };
}

/** Rows per multi-row INSERT: 23 columns × 400 stays far below SQLite's 32,766 variables. */
const INSERT_CHUNK = 400;

export { ImportHasErrorsError, type ImportResult } from './plan';

/** Existing contacts through the service (its change log per field); counts what changed. */
async function updateExisting(
	trx: Executor,
	rows: readonly { input: ContactInput; existing: Contact }[],
	userId: number | null
) {
	let updated = 0;
	for (const { input, existing } of rows) {
		const changed = await updateContact(trx, existing.id, input, userId, { source: 'csv' });
		if (changed.length > 0) {
			updated++;
		}
	}
	return { updated, unchanged: rows.length - updated };
}

/**
 * New contacts skip the service's per-row checks (the plan made them in this same transaction)
 * and go in as multi-row INSERTs, with their dates and history: 10,000 rows must take a second
 * or two. Returns how many were created.
 */
async function insertNew(
	trx: Executor,
	fresh: readonly ContactInput[],
	userId: number | null
): Promise<number> {
	const now = nowIso();
	const dates: { contact_id: number; label: string; month_day: string; year: number | null }[] = [];
	const activity: ActivityInput[] = [];
	for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
		const chunk = fresh.slice(i, i + INSERT_CHUNK);
		const ids = await repo.insertContacts(
			trx,
			chunk.map((input) => ({ ...contactColumnsFor(input), created_at: now, updated_at: now }))
		);
		chunk.forEach((input, j) => {
			dates.push(...input.dates.map((date) => ({ contact_id: ids[j], ...date })));
			activity.push({
				user_id: userId,
				action: 'contact.created',
				subject_type: 'contact',
				subject_id: ids[j],
				account_id: input.account_id,
				details: { name: input.name, source: 'csv' }
			});
		});
	}
	for (let i = 0; i < dates.length; i += 1000) {
		await repo.insertContactDates(trx, dates.slice(i, i + 1000));
	}
	await recordActivities(trx, activity);
	return fresh.length;
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
		checkPlan(plan, options);
		const existing = accepted.flatMap(({ input, existing }) =>
			existing ? [{ input, existing }] : []
		);
		const { updated, unchanged } = await updateExisting(trx, existing, userId);
		const fresh = accepted.filter((a) => !a.existing).map((a) => a.input);
		const created = await insertNew(trx, fresh, userId);
		return { created, updated, unchanged, skipped: plan.counts.error };
	});
}
