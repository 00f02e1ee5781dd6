import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import {
	createStaffMember,
	deleteStaffMember,
	staffMemberSchema,
	updateStaffMember
} from '$lib/server/host/service';
import { listStaffMembers } from '$lib/server/host/repository';
import { createTestDb } from '../helpers/db';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.destroy();
});

const person = (values: Record<string, unknown>) =>
	staffMemberSchema.parse({ name: '张建国', title: '总经理', kind: 'executive', ...values });

describe('our people', () => {
	it('lists executives first, general manager first, then by seniority', async () => {
		await createStaffMember(
			db,
			person({ name: '刘洋', title: '销售经理', kind: 'staff', seniority: '20' }),
			null
		);
		await createStaffMember(
			db,
			person({ name: '李明华', title: '副总经理', seniority: '10' }),
			null
		);
		await createStaffMember(
			db,
			person({ name: '张建国', is_general_manager: 'on', seniority: '50' }),
			null
		);
		const names = (await listStaffMembers(db)).map((p) => p.name);
		expect(names).toEqual(['张建国', '李明华', '刘洋']);
	});

	it('keeps only one general manager', async () => {
		const first = await createStaffMember(db, person({ is_general_manager: 'on' }), null);
		const second = await createStaffMember(
			db,
			person({ name: '王强', is_general_manager: 'on' }),
			null
		);
		const rows = await listStaffMembers(db);
		expect(rows.find((r) => r.id === first)?.is_general_manager).toBe(0);
		expect(rows.find((r) => r.id === second)?.is_general_manager).toBe(1);
	});

	it('rejects a general manager outside the executives and bad input', async () => {
		await expect(
			createStaffMember(db, person({ kind: 'staff', is_general_manager: 'on' }), null)
		).rejects.toMatchObject({ messageKey: 'host_error_gm_executive' });
		const result = staffMemberSchema.safeParse({
			name: '',
			title: 'x'.repeat(101),
			kind: 'boss',
			seniority: '-1',
			email: 'not-an-email'
		});
		expect(result.success).toBe(false);
		const messages = Object.fromEntries(
			result.error!.issues.map((i) => [i.path.join('.'), i.message])
		);
		expect(messages).toEqual({
			name: 'error_required',
			title: 'error_too_long',
			kind: 'error_choice',
			seniority: 'host_error_seniority',
			email: 'error_email'
		});
	});

	it('updates and deletes, but not someone on a guest list', async () => {
		const id = await createStaffMember(db, person({}), null);
		await updateStaffMember(db, id, person({ title_en: 'General Manager' }), null);
		expect((await listStaffMembers(db))[0].title_en).toBe('General Manager');

		const now = new Date().toISOString();
		const g = await db
			.insertInto('gathering')
			.values({
				uid: 'g@t',
				title_zh: '会',
				title_en: 'G',
				starts_at: now,
				ends_at: now,
				created_by: null,
				created_at: now,
				updated_at: now
			} as never)
			.returning('id')
			.executeTakeFirstOrThrow();
		const inv = await db
			.insertInto('invitee')
			.values({
				gathering_id: g.id,
				staff_member_id: id,
				role: 'executive',
				checkin_code: 'x',
				created_at: now,
				updated_at: now
			} as never)
			.returning('id')
			.executeTakeFirstOrThrow();
		await expect(deleteStaffMember(db, id, null)).rejects.toMatchObject({
			messageKey: 'host_error_on_guest_list'
		});
		await db.deleteFrom('invitee').where('id', '=', inv.id).execute();
		expect(await deleteStaffMember(db, id, null)).toBe('张建国');
		expect(await listStaffMembers(db)).toEqual([]);
	});
});
