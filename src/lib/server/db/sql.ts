import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

/**
 * SQL that only SQLite reads as written, each construct behind a function named for what it
 * does. Features call these instead of writing the construct out, so a second dialect later
 * changes this file, not every repository (see README.md beside it).
 */

/** `\`, `%` and `_` escaped, for a LIKE pattern that uses `escape '\'`. */
export function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** SQLite's LIKE ignores ASCII case: the column contains `text`, any case (PostgreSQL: ILIKE). */
export function caseInsensitiveContains(
	column: Expression<unknown>,
	text: string
): RawBuilder<SqlBool> {
	return sql<SqlBool>`${column} like ${`%${escapeLike(text)}%`} escape '\\'`;
}

/** The column starts with `text`, any case. */
export function caseInsensitiveStartsWith(
	column: Expression<unknown>,
	text: string
): RawBuilder<SqlBool> {
	return sql<SqlBool>`${column} like ${`${escapeLike(text)}%`} escape '\\'`;
}

/** The column equals `text` ignoring case (both sides lowered). */
export function caseInsensitiveEquals(
	column: Expression<unknown>,
	text: string
): RawBuilder<SqlBool> {
	return sql<SqlBool>`lower(${column}) = ${text.toLowerCase()}`;
}

/**
 * How many rows of the group meet the condition; 0 for no rows. SQLite sums booleans as 0/1
 * (PostgreSQL: `count(*) filter (where …)`).
 */
export function countWhere(condition: Expression<unknown>): RawBuilder<number> {
	return sql<number>`coalesce(sum(${condition}), 0)`;
}

/** The group's values joined into one text with `separator` (PostgreSQL: string_agg). */
export function joinedText(value: Expression<unknown>, separator: string): RawBuilder<string> {
	return sql<string>`group_concat(${value}, ${separator})`;
}

/** The group's values as a JSON array text (PostgreSQL: json_agg). */
export function jsonArrayAgg(value: Expression<unknown>): RawBuilder<string> {
	return sql<string>`json_group_array(${value})`;
}

/** The smaller of two values: SQLite's two-argument min() (PostgreSQL: least). */
export function least<T>(a: Expression<T> | T, b: Expression<T> | T): RawBuilder<T> {
	return sql<T>`min(${a}, ${b})`;
}

/** The largest of the values: SQLite's several-argument max() (PostgreSQL: greatest). */
export function greatest<T>(...values: (Expression<T> | T)[]): RawBuilder<T> {
	return sql<T>`max(${sql.join(values)})`;
}

/** `value × 2^power` for integers, written as a shift (the same in PostgreSQL). */
export function timesPowerOfTwo(
	value: Expression<number> | number,
	power: Expression<number>
): RawBuilder<number> {
	return sql<number>`(${value} << ${power})`;
}

/** The value the current upsert tried to insert, in ON CONFLICT … DO UPDATE. */
export function excluded<T>(column: string): RawBuilder<T> {
	return sql<T>`${sql.ref(`excluded.${column}`)}`;
}

/**
 * `table indexed by index`: makes SQLite use that index (its planner misjudges some queues).
 * PostgreSQL has no such hint; there this is the bare table.
 */
export function indexedBy(table: string, index: string): RawBuilder<unknown> {
	return sql`${sql.table(table)} indexed by ${sql.id(index)}`;
}
