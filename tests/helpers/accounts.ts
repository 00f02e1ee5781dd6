import type { Db, Executor } from '$lib/server/db';
import { accountInputSchema, createAccount } from '$lib/server/accounts/service';
import { nowIso } from '$lib/server/time';

/** Factory: an account through the real service (so tiers are computed). Money in yuan. */
export async function newAccount(
	db: Executor,
	values: Record<string, unknown> = {},
	userId: number | null = null
): Promise<number> {
	const input = accountInputSchema.parse({
		name: `客户${Math.random().toString(36).slice(2, 8)}`,
		channel: 'distributor',
		...values
	});
	return createAccount(db, input, userId);
}

/** Factory: a bare contact row at an account. */
export async function newContact(db: Db, accountId: number, name = '王伟'): Promise<number> {
	const now = nowIso();
	const row = await db
		.insertInto('contact')
		.values({ account_id: accountId, name, created_at: now, updated_at: now })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}
