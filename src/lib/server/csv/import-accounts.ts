import type { Executor } from '../db';
import type { Channel } from '../db/schema';
import { accountInputSchema, type AccountInput } from '../accounts/schema';
import {
	createAccount,
	inTransaction,
	recomputeAutoTiers,
	updateAccount
} from '../accounts/service';
import { findAccountStamp } from '../accounts/repository';
import { accountColumns } from './columns';
import { decodeCsv, parseCsvTable } from './decode';
import { accountFinder, firstLines, userFinder } from './match';
import {
	checkPlan,
	planOf,
	zodIssues,
	type ImportResult,
	type PlannedRow,
	type RowIssue
} from './plan';
import { unneutralise } from './write';

interface Accepted {
	input: Partial<AccountInput>;
	existingId: number | null;
}

/**
 * Reads an accounts CSV and decides what importing it would do. An account whose name (or English
 * name, ignoring case) already exists is updated with the columns the file has; the others keep
 * their values. The owner column takes a staff user's email or name. The tier column (written by
 * the export) is ignored: tiers follow from the figures, and overrides need a reason.
 */
export async function planAccountImport(db: Executor, bytes: Uint8Array) {
	const { text, encoding } = decodeCsv(bytes);
	const table = parseCsvTable(text, accountColumns);
	const findAccount = await accountFinder(db);
	const findUser = await userFinder(db);
	const firstLineOf = firstLines();

	const rows: PlannedRow[] = [];
	const accepted: Accepted[] = [];
	for (const { line, cells: raw } of table.rows) {
		const issues: RowIssue[] = [];
		const values: Record<string, string> = {};
		for (const [key, value] of Object.entries(raw)) {
			if (key !== 'tier' && key !== 'owner') {
				values[key] = unneutralise(value);
			}
		}
		const name = values.name ?? '';
		const existingId = findAccount(name) ?? null;
		const owner = raw.owner?.trim();
		if (owner !== undefined) {
			const ownerId = owner ? findUser(owner) : null;
			if (owner && !ownerId) {
				issues.push({ field: 'owner', key: 'csv_error_unknown_owner', params: { owner } });
			}
			values.owner_user_id = ownerId ? String(ownerId) : '';
		}
		// A new account needs every required field; an update changes only the columns given.
		const schema = existingId ? accountInputSchema.partial() : accountInputSchema;
		const parsed = schema.safeParse(values);
		if (!parsed.success) {
			issues.push(...zodIssues(parsed.error, { owner_user_id: 'owner' }));
		}
		const first = name ? firstLineOf(name, line) : undefined;
		if (first) {
			issues.push({ field: 'name', key: 'csv_error_duplicate_name', params: { line: first } });
		}
		const ok = issues.length === 0 && parsed.success;
		rows.push({
			line,
			name,
			detail: values.channel ?? '',
			action: ok ? (existingId ? 'update' : 'create') : 'error',
			issues
		});
		if (ok) {
			accepted.push({ input: parsed.data, existingId });
		}
	}
	return { plan: planOf('accounts', encoding, table.ignored, rows), accepted };
}

/** Imports an accounts CSV in one transaction; tiers are recomputed once at the end. */
export async function importAccounts(
	db: Executor,
	bytes: Uint8Array,
	userId: number | null,
	options: { skipInvalid?: boolean } = {}
): Promise<ImportResult> {
	return inTransaction(db, async (trx) => {
		const { plan, accepted } = await planAccountImport(trx, bytes);
		checkPlan(plan, options);
		const result: ImportResult = {
			created: 0,
			updated: 0,
			unchanged: 0,
			skipped: plan.counts.error
		};
		const touched = new Set<Channel>();
		for (const { input, existingId } of accepted) {
			if (existingId) {
				const before = await findAccountStamp(trx, existingId);
				await updateAccount(trx, existingId, input, userId, { recompute: false });
				const after = await findAccountStamp(trx, existingId);
				touched.add(before.channel).add(after.channel);
				if (after.updated_at !== before.updated_at) {
					result.updated++;
				} else {
					result.unchanged++;
				}
			} else {
				const full = input as AccountInput;
				await createAccount(trx, full, userId, { recompute: false });
				touched.add(full.channel);
				result.created++;
			}
		}
		await recomputeAutoTiers(trx, [...touched]);
		return result;
	});
}
