import type { Executor } from '../db';
import type { NewStaffMember, StaffMemberUpdate } from '../db/schema';

/** Our people in banquet order: executives first, the general manager first among them. */
export function listStaffMembers(db: Executor) {
	return db
		.selectFrom('staff_member')
		.leftJoin('user', 'user.id', 'staff_member.user_id')
		.selectAll('staff_member')
		.select('user.name as user_name')
		.orderBy('staff_member.kind')
		.orderBy('staff_member.is_general_manager', 'desc')
		.orderBy('staff_member.seniority')
		.orderBy('staff_member.name')
		.execute();
}

/** Our people's ids and kinds, most senior first. */
export function listStaffBySeniority(db: Executor) {
	return db.selectFrom('staff_member').select(['id', 'kind']).orderBy('seniority').execute();
}

export function findStaffMember(db: Executor, id: number) {
	return db.selectFrom('staff_member').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertStaffMember(db: Executor, row: NewStaffMember): Promise<number> {
	const inserted = await db
		.insertInto('staff_member')
		.values(row)
		.returning('id')
		.executeTakeFirstOrThrow();
	return inserted.id;
}

export async function updateStaffMember(db: Executor, id: number, changes: StaffMemberUpdate) {
	await db.updateTable('staff_member').set(changes).where('id', '=', id).execute();
}

export async function deleteStaffMember(db: Executor, id: number) {
	await db.deleteFrom('staff_member').where('id', '=', id).execute();
}

export async function countStaffInvitations(db: Executor, id: number): Promise<number> {
	const row = await db
		.selectFrom('invitee')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('staff_member_id', '=', id)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Only one person can be the general manager; the flag moves to whoever is set last. */
export async function clearGeneralManager(db: Executor, exceptId: number) {
	await db
		.updateTable('staff_member')
		.set({ is_general_manager: 0 })
		.where('is_general_manager', '=', 1)
		.where('id', '!=', exceptId)
		.execute();
}
