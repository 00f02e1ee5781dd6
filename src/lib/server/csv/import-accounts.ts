import type { Executor } from '../db';
import type { Channel } from '../db/schema';
import { accountInputSchema, type AccountInput } from '../accounts/schema';
import {
	createAccount,
	inTransaction,
	recomputeAutoTiers,
	updateAccount
} from '../accounts/service';
import { accountColumns } from './columns';
import { decodeCsv, parseCsvTable } from './decode';
import { ImportHasErrorsError, type ImportResult } from './import-contacts';
import { countRows, zodIssues, type ImportPlan, type PlannedRow, type RowIssue } from './plan';
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
	const existing = await db
		.selectFrom('account')
		.select(['id', 'name', 'name_en'])
		.orderBy('id')
		.execute();
	const byName = new Map<string, number>();
	for (const a of existing) {
		for (const key of [a.name, a.name_en?.trim().toLowerCase()]) {
			if (key && !byName.has(key)) {
				byName.set(key, a.id);
			}
		}
	}
	const users = await db.selectFrom('user').select(['id', 'email', 'name']).execute();
	const userByKey = new Map<string, number>();
	for (const u of users) {
		userByKey.set(u.email.toLowerCase(), u.id);
		userByKey.set(u.name, u.id);
	}

	const rows: PlannedRow[] = [];
	const accepted: Accepted[] = [];
	const firstLineOfName = new Map<string, number>();
	for (const { line, cells: raw } of table.rows) {
		const issues: RowIssue[] = [];
		const values: Record<string, string> = {};
		for (const [key, value] of Object.entries(raw)) {
			if (key !== 'tier' && key !== 'owner') {
				values[key] = unneutralise(value);
			}
		}
		const name = values.name ?? '';
		const existingId = byName.get(name) ?? byName.get(name.toLowerCase()) ?? null;
		const owner = raw.owner?.trim();
		if (owner !== undefined) {
			const ownerId = owner ? (userByKey.get(owner.toLowerCase()) ?? userByKey.get(owner)) : null;
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
		if (name) {
			const first = firstLineOfName.get(name);
			if (first) {
				issues.push({ field: 'name', key: 'csv_error_duplicate_name', params: { line: first } });
			} else {
				firstLineOfName.set(name, line);
			}
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
	const plan: ImportPlan = {
		kind: 'accounts',
		encoding,
		ignored: table.ignored,
		rows,
		counts: countRows(rows)
	};
	return { plan, accepted };
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
		if (plan.counts.error > 0 && !options.skipInvalid) {
			throw new ImportHasErrorsError(plan.counts.error);
		}
		const result: ImportResult = {
			created: 0,
			updated: 0,
			unchanged: 0,
			skipped: plan.counts.error
		};
		const touched = new Set<Channel>();
		for (const { input, existingId } of accepted) {
			if (existingId) {
				const before = await trx
					.selectFrom('account')
					.select(['channel', 'updated_at'])
					.where('id', '=', existingId)
					.executeTakeFirstOrThrow();
				await updateAccount(trx, existingId, input, userId, { recompute: false });
				const after = await trx
					.selectFrom('account')
					.select(['channel', 'updated_at'])
					.where('id', '=', existingId)
					.executeTakeFirstOrThrow();
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
