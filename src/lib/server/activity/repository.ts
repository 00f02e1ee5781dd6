import type { Executor } from '../db';
import { nowIso } from '../time';

export interface ActivityInput {
	user_id: number | null;
	/** Dotted: 'account.updated', 'invitee.answered'. */
	action: string;
	subject_type: string;
	subject_id: number;
	account_id?: number | null;
	gathering_id?: number | null;
	details?: Record<string, unknown>;
}

function activityRow(input: ActivityInput, at: string) {
	return {
		at,
		user_id: input.user_id,
		action: input.action,
		subject_type: input.subject_type,
		subject_id: input.subject_id,
		account_id: input.account_id ?? null,
		gathering_id: input.gathering_id ?? null,
		details: JSON.stringify(input.details ?? {})
	};
}

export async function recordActivity(db: Executor, input: ActivityInput): Promise<void> {
	await db.insertInto('activity').values(activityRow(input, nowIso())).execute();
}

/** Many history entries at once (bulk imports), in chunks of 500 rows per INSERT. */
export async function recordActivities(
	db: Executor,
	inputs: readonly ActivityInput[]
): Promise<void> {
	const at = nowIso();
	for (let i = 0; i < inputs.length; i += 500) {
		await db
			.insertInto('activity')
			.values(inputs.slice(i, i + 500).map((input) => activityRow(input, at)))
			.execute();
	}
}

/** The newest `limit` entries about one account or one gathering, with who made them. */
function listActivityOf(
	db: Executor,
	about: 'activity.account_id' | 'activity.gathering_id',
	id: number,
	limit: number
) {
	return db
		.selectFrom('activity')
		.leftJoin('user', 'user.id', 'activity.user_id')
		.select([
			'activity.id',
			'activity.at',
			'activity.action',
			'activity.subject_type',
			'activity.subject_id',
			'activity.details',
			'user.name as user_name'
		])
		.where(about, '=', id)
		.orderBy('activity.id', 'desc')
		.limit(limit)
		.execute();
}

export function listAccountActivity(db: Executor, accountId: number, limit = 50) {
	return listActivityOf(db, 'activity.account_id', accountId, limit);
}

export function listGatheringActivity(db: Executor, gatheringId: number, limit = 100) {
	return listActivityOf(db, 'activity.gathering_id', gatheringId, limit);
}
