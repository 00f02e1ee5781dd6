import type { Executor } from '../db';
import type { AccountUpdate, Channel, Tier } from '../db/schema';
import { ConflictError, DomainError, found } from '../errors';
import { logChange } from '../activity/log';
import { findUserById } from '../users/repository';
import { nowIso } from '../time';
import { companyToday } from '../today';
import * as repo from './repository';
import { sortKey } from '../text/pinyin';
import { inTransaction } from './transaction';
import { computeTiers } from './tiers';
import { channels, type AccountInput, type TierOverrideInput } from './schema';
export { inTransaction } from './transaction';

export {
	accountInputSchema,
	tierOverrideSchema,
	channels,
	tiers,
	type AccountInput,
	type AccountFormValues,
	type TierOverrideInput
} from './schema';

export interface WriteOptions {
	/**
	 * Recompute the channel's 80/20 tiers at once (default). Bulk importers may pass false and
	 * call `recomputeAutoTiers(trx, channels)` once at the end of their transaction.
	 */
	recompute?: boolean;
}

function checkOverride(input: Pick<AccountInput, 'tier_override' | 'tier_override_reason'>) {
	if (input.tier_override && !input.tier_override_reason) {
		throw new DomainError('accounts_error_override_reason');
	}
}

/** The owner must be a user that exists; a stale or forged id is a clear message, not a 500. */
async function checkOwner(db: Executor, ownerId: number | null | undefined) {
	if (ownerId !== null && ownerId !== undefined && !(await findUserById(db, ownerId))) {
		throw new DomainError('accounts_error_owner_unknown');
	}
}

function columns(input: Partial<AccountInput>): AccountUpdate {
	const out: AccountUpdate = {};
	const copy = <K extends keyof AccountUpdate>(key: K, value: AccountUpdate[K] | undefined) => {
		if (value !== undefined) {
			out[key] = value;
		}
	};
	copy('name', input.name);
	if (input.name !== undefined) {
		out.name_sort = sortKey(input.name);
	}
	copy('name_en', input.name_en);
	copy('industry', input.industry);
	copy('region', input.region);
	copy('channel', input.channel);
	copy('currency', input.currency);
	copy('annual_sales_minor', input.annual_sales);
	copy('annual_profit_minor', input.annual_profit);
	copy('owner_user_id', input.owner_user_id);
	copy('notes', input.notes);
	copy('competitor_notes', input.competitor_notes);
	copy('last_reviewed_on', input.last_reviewed_on);
	if (input.anniversary !== undefined) {
		out.anniversary = input.anniversary?.month_day ?? null;
		out.anniversary_year = input.anniversary?.year ?? null;
	}
	if (input.tier_override !== undefined) {
		out.tier_override = input.tier_override;
		// A reason without an override means nothing; do not keep a stale one.
		out.tier_override_reason = input.tier_override ? (input.tier_override_reason ?? null) : null;
	}
	return out;
}

/** Creates an account with its tags; records 'account.created'. Returns the new id. */
export async function createAccount(
	db: Executor,
	input: AccountInput,
	userId: number | null,
	options: WriteOptions = {}
): Promise<number> {
	checkOverride(input);
	return inTransaction(db, async (trx) => {
		await checkOwner(trx, input.owner_user_id);
		const now = nowIso();
		const id = await repo.insertAccount(trx, {
			...(columns(input) as Required<Pick<AccountUpdate, 'name' | 'channel'>>),
			created_at: now,
			updated_at: now
		});
		await repo.replaceTags(trx, id, input.tags);
		await logChange(
			trx,
			userId,
			'account.created',
			{ type: 'account', id, accountId: id },
			{ name: input.name, channel: input.channel }
		);
		if (options.recompute !== false) {
			await recomputeAutoTiers(trx, [input.channel]);
		}
		return id;
	});
}

const FIGURE_FIELDS = ['channel', 'annual_sales_minor', 'annual_profit_minor'] as const;

/**
 * Changes the given fields (absent keys stay as they are; use `accountInputSchema.partial()`).
 * Records 'account.updated' with the changed field names, or nothing when nothing changed.
 */
export async function updateAccount(
	db: Executor,
	id: number,
	input: Partial<AccountInput>,
	userId: number | null,
	options: WriteOptions = {}
): Promise<void> {
	return inTransaction(db, async (trx) => {
		const before = found(await repo.findAccountById(trx, id), 'accounts_error_not_found');
		const changes = columns(input);
		if (changes.owner_user_id !== before.owner_user_id) {
			await checkOwner(trx, changes.owner_user_id);
		}
		checkOverride({
			tier_override:
				changes.tier_override !== undefined ? changes.tier_override : before.tier_override,
			tier_override_reason:
				changes.tier_override_reason !== undefined
					? changes.tier_override_reason
					: before.tier_override_reason
		});
		const changed = (Object.keys(changes) as (keyof AccountUpdate)[]).filter(
			(key) => key !== 'name_sort' && changes[key] !== before[key as keyof typeof before]
		);
		if (input.tags !== undefined) {
			const old = new Set(await repo.listTags(trx, id));
			const next = new Set(input.tags);
			if (old.size !== next.size || [...next].some((t) => !old.has(t))) {
				await repo.replaceTags(trx, id, input.tags);
				changed.push('tags' as keyof AccountUpdate);
			}
		}
		if (changed.length === 0) {
			return;
		}
		await repo.updateAccountRow(trx, id, { ...changes, updated_at: nowIso() });
		const overridden = changed.includes('tier_override');
		await logChange(
			trx,
			userId,
			overridden ? 'account.tier_overridden' : 'account.updated',
			{ type: 'account', id, accountId: id },
			{
				fields: changed,
				...(overridden
					? { tier_override: changes.tier_override, reason: changes.tier_override_reason }
					: {})
			}
		);
		if (options.recompute !== false && changed.some((c) => FIGURE_FIELDS.includes(c as never))) {
			const affected = new Set<Channel>([before.channel, changes.channel ?? before.channel]);
			await recomputeAutoTiers(trx, [...affected]);
		}
	});
}

/** Sets or clears (tier null) the staff override of the 80/20 tier; an override needs a reason. */
export async function setTierOverride(
	db: Executor,
	id: number,
	input: TierOverrideInput,
	userId: number | null
): Promise<void> {
	checkOverride(input);
	return updateAccount(
		db,
		id,
		{ tier_override: input.tier_override, tier_override_reason: input.tier_override_reason },
		userId
	);
}

/** Marks the account as reviewed on `date` (YYYY-MM-DD; by default the company's today). */
export async function markReviewed(
	db: Executor,
	id: number,
	userId: number | null,
	date?: string
): Promise<void> {
	const day = date ?? (await companyToday(db));
	return inTransaction(db, async (trx) => {
		found(await repo.findAccountById(trx, id), 'accounts_error_not_found');
		await repo.updateAccountRow(trx, id, { last_reviewed_on: day, updated_at: nowIso() });
		await logChange(
			trx,
			userId,
			'account.reviewed',
			{ type: 'account', id, accountId: id },
			{ date: day }
		);
	});
}

/**
 * Deletes an account. With contacts it refuses, unless `withContacts` is set AND none of them is
 * on any gathering's guest list; then the contacts go too (their dates cascade).
 */
export async function deleteAccount(
	db: Executor,
	id: number,
	userId: number | null,
	options: { withContacts?: boolean } = {}
): Promise<string> {
	return inTransaction(db, async (trx) => {
		const account = found(await repo.findAccountById(trx, id), 'accounts_error_not_found');
		const contacts = await repo.countAccountContacts(trx, id);
		if (contacts > 0) {
			if (!options.withContacts) {
				throw new ConflictError('accounts_error_has_contacts', { count: contacts });
			}
			const invited = await repo.countContactsOnGuestLists(trx, id);
			if (invited > 0) {
				throw new ConflictError('accounts_error_contacts_invited', { count: invited });
			}
			await repo.deleteAccountContacts(trx, id);
		}
		await repo.deleteAccountRow(trx, id);
		await logChange(
			trx,
			userId,
			'account.deleted',
			{ type: 'account', id, accountId: id },
			{ name: account.name, contacts_deleted: contacts }
		);
		await recomputeAutoTiers(trx, [account.channel]);
		return account.name;
	});
}

/**
 * Recomputes `auto_tier` and `auto_tier_basis` by the 80/20 rule for the given channels (all
 * when omitted), writing only rows whose result changed. Call inside the transaction that
 * changed the figures.
 */
export async function recomputeAutoTiers(
	db: Executor,
	channelList: readonly Channel[] = channels
): Promise<void> {
	return inTransaction(db, async (trx) => {
		const rows = await repo.listTierFigures(trx, [...new Set(channelList)]);
		const byChannel = new Map<Channel, typeof rows>();
		for (const row of rows) {
			byChannel.set(row.channel, [...(byChannel.get(row.channel) ?? []), row]);
		}
		for (const group of byChannel.values()) {
			const results = computeTiers(group);
			for (const row of group) {
				const result = results.get(row.id)!;
				const basis = JSON.stringify(result.basis);
				if (result.tier !== row.auto_tier || basis !== row.auto_tier_basis) {
					await repo.setAutoTier(trx, row.id, result.tier, basis);
				}
			}
		}
	});
}

export function effectiveTier(account: {
	auto_tier: 'key' | 'regular';
	tier_override: Tier | null;
}): Tier {
	return account.tier_override ?? account.auto_tier;
}
