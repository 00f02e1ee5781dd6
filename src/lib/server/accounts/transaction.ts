import type { Transaction } from 'kysely';
import type { Executor } from '../db';
import type { DB } from '../db/schema';

/**
 * Runs `work` in the caller's transaction when given one, else in a new one, so services can be
 * called on their own or inside an importer's transaction.
 */
export function inTransaction<T>(
	db: Executor,
	work: (trx: Transaction<DB>) => Promise<T>
): Promise<T> {
	return db.isTransaction ? work(db as Transaction<DB>) : db.transaction().execute(work);
}
