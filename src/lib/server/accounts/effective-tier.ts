import { sql, type RawBuilder } from 'kysely';
import type { Tier } from '../db/schema';

/**
 * An account's tier as everyone sees it: the staff's override when set, else the tier the
 * 80/20 rule found. `accountAlias` is the name the query gives the account table
 * (`'account'`, `'a'`, …). Null when the row has no account (walk-ins, our own people).
 */
export function effectiveTier<T extends string | null = Tier>(accountAlias: string): RawBuilder<T> {
	return sql<T>`coalesce(${sql.ref(`${accountAlias}.tier_override`)}, ${sql.ref(`${accountAlias}.auto_tier`)})`;
}
