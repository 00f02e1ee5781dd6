import type { Executor } from '../db';
import { recordActivity } from './repository';

/** What a history entry is about; `accountId`/`gatheringId` put it on that page's history too. */
export interface Subject {
	type: string;
	id: number;
	accountId?: number | null;
	gatheringId?: number | null;
}

/**
 * The history entry of a change, written in the transaction that made it (so a change and its
 * entry are kept or lost together). `by` is the user who made it, null for the system.
 */
export async function logChange(
	db: Executor,
	by: number | null,
	action: string,
	subject: Subject,
	details: Record<string, unknown> = {}
): Promise<void> {
	await recordActivity(db, {
		user_id: by,
		action,
		subject_type: subject.type,
		subject_id: subject.id,
		account_id: subject.accountId ?? null,
		gathering_id: subject.gatheringId ?? null,
		details
	});
}
