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

export async function recordActivity(db: Executor, input: ActivityInput): Promise<void> {
	await db
		.insertInto('activity')
		.values({
			at: nowIso(),
			user_id: input.user_id,
			action: input.action,
			subject_type: input.subject_type,
			subject_id: input.subject_id,
			account_id: input.account_id ?? null,
			gathering_id: input.gathering_id ?? null,
			details: JSON.stringify(input.details ?? {})
		})
		.execute();
}

export function listAccountActivity(db: Executor, accountId: number, limit = 50) {
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
		.where('activity.account_id', '=', accountId)
		.orderBy('activity.id', 'desc')
		.limit(limit)
		.execute();
}

export function listGatheringActivity(db: Executor, gatheringId: number, limit = 100) {
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
		.where('activity.gathering_id', '=', gatheringId)
		.orderBy('activity.id', 'desc')
		.limit(limit)
		.execute();
}
