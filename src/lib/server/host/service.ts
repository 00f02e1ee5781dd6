import { z } from 'zod';
import type { Executor } from '../db';
import type { StaffMemberUpdate } from '../db/schema';
import { ConflictError, DomainError, found } from '../errors';
import { logChange } from '../activity/log';
import { inTransaction } from '../accounts/transaction';
import { optionalEmail, optionalId, optionalText, requiredText } from '../text';
import { nowIso } from '../time';
import { listAssignableUsers } from '../users/service';
import * as repo from './repository';

const checkbox = z
	.union([z.string(), z.boolean()])
	.optional()
	.transform((v) => v === true || v === 'on' || v === 'true' || v === '1');

/** One of our people (本公司人员) as the form gives it; messages are message keys. */
export const staffMemberSchema = z.object({
	name: requiredText(100),
	name_latin: optionalText(100),
	title: requiredText(100),
	title_en: optionalText(100),
	kind: z.enum(['executive', 'staff'], 'error_choice'),
	is_general_manager: checkbox,
	seniority: z
		.union([z.string(), z.number()])
		.optional()
		.transform((v, ctx) => {
			const text = String(v ?? '').trim();
			if (text === '') {
				return 100;
			}
			const n = Number(text);
			if (!/^\d+$/.test(text) || n > 9999) {
				ctx.addIssue({ code: 'custom', message: 'host_error_seniority' });
				return z.NEVER;
			}
			return n;
		}),
	email: optionalEmail(),
	phone: optionalText(50),
	user_id: optionalId()
});
export type StaffMemberInput = z.output<typeof staffMemberSchema>;

/** Our people for the Host page: executives (general manager first), then the other staff. */
export async function staffDirectory(db: Executor) {
	const people = await repo.listStaffMembers(db);
	return {
		executives: people.filter((p) => p.kind === 'executive'),
		staff: people.filter((p) => p.kind === 'staff')
	};
}

/** The new-person form: the users whose login a person can be linked to. */
export async function loadNewStaffMemberForm(db: Executor) {
	return { users: await listAssignableUsers(db) };
}

/** A person's edit form as strings, with the users to link to; null when there is no such person. */
export async function loadStaffMemberForm(db: Executor, id: number) {
	const member = await repo.findStaffMember(db, id);
	if (!member) {
		return null;
	}
	return {
		member: { id: member.id, name: member.name },
		values: {
			name: member.name,
			name_latin: member.name_latin ?? '',
			title: member.title,
			title_en: member.title_en ?? '',
			kind: member.kind,
			is_general_manager: member.is_general_manager ? 'on' : '',
			seniority: String(member.seniority),
			email: member.email ?? '',
			phone: member.phone ?? '',
			user_id: member.user_id ? String(member.user_id) : ''
		},
		users: await listAssignableUsers(db)
	};
}

function checkRules(input: StaffMemberInput) {
	if (input.is_general_manager && input.kind !== 'executive') {
		throw new DomainError('host_error_gm_executive');
	}
}

function row(input: StaffMemberInput): StaffMemberUpdate {
	return { ...input, is_general_manager: input.is_general_manager ? 1 : 0 };
}

/** After a save: the general manager flag moves to this person when set, and the change is logged. */
async function afterSave(
	trx: Executor,
	id: number,
	input: StaffMemberInput,
	userId: number | null,
	action: string
) {
	if (input.is_general_manager) {
		await repo.clearGeneralManager(trx, id);
	}
	await logChange(trx, userId, action, { type: 'staff_member', id }, { name: input.name });
}

export async function createStaffMember(
	db: Executor,
	input: StaffMemberInput,
	userId: number | null
): Promise<number> {
	checkRules(input);
	return inTransaction(db, async (trx) => {
		const now = nowIso();
		const id = await repo.insertStaffMember(trx, {
			...row(input),
			name: input.name,
			title: input.title,
			kind: input.kind,
			created_at: now,
			updated_at: now
		});
		await afterSave(trx, id, input, userId, 'staff_member.created');
		return id;
	});
}

export async function updateStaffMember(
	db: Executor,
	id: number,
	input: StaffMemberInput,
	userId: number | null
): Promise<void> {
	checkRules(input);
	await inTransaction(db, async (trx) => {
		found(await repo.findStaffMember(trx, id), 'host_error_not_found');
		await repo.updateStaffMember(trx, id, { ...row(input), updated_at: nowIso() });
		await afterSave(trx, id, input, userId, 'staff_member.updated');
	});
}

/** Refuses while the person is on any gathering's list (the list keeps the row). */
export async function deleteStaffMember(
	db: Executor,
	id: number,
	userId: number | null
): Promise<string> {
	return inTransaction(db, async (trx) => {
		const member = found(await repo.findStaffMember(trx, id), 'host_error_not_found');
		if ((await repo.countStaffInvitations(trx, id)) > 0) {
			throw new ConflictError('host_error_on_guest_list', { name: member.name });
		}
		await repo.deleteStaffMember(trx, id);
		await logChange(
			trx,
			userId,
			'staff_member.deleted',
			{ type: 'staff_member', id },
			{ name: member.name }
		);
		return member.name;
	});
}
