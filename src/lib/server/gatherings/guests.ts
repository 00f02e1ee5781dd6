import { z } from 'zod';
import type { Executor } from '../db';
import type { InviteeRole } from '../db/schema';
import { DomainError, NotFoundError } from '../errors';
import { recordActivity } from '../activity/repository';
import { inTransaction } from '../accounts/transaction';
import { nowIso } from '../time';
import { text } from '../text';
import * as repo from './repository';
import { findDirectoryContacts, hasDirectoryFilter, type DirectoryFilter } from './directory';
import { existingContactIds, findStaffKinds } from './directory-repository';
import { freshCheckinCode } from '../checkin/fresh-code';
import { inviteeRoles, MAX_COMPANIONS } from './schema';
import { requireGatheringRow } from './service';
import { cancelConfirmation } from '../rsvp/service';
import { listCompanions, replaceCompanions } from './companions-repository';
import { splitNameList, type CompanionInput } from '$lib/domain/companions';

export class ConfirmationRequiredError extends DomainError {
	constructor() {
		super('gatherings_error_confirm_remove', {}, 409);
	}
}

export interface AddResult {
	added: number;
	/** People who were on the list already; adding them again changes nothing. */
	already: number;
}

async function requireOpenList(db: Executor, gatheringId: number) {
	const gathering = await requireGatheringRow(db, gatheringId);
	if (gathering.status === 'done') {
		throw new DomainError('gatherings_error_done_locked', {}, 409);
	}
	return gathering;
}

/** Someone to put on the list: a contact (as a guest) or one of the host company's people. */
interface Newcomer {
	/** The contact or staff member id, as the `listed` set holds it. */
	key: number;
	row: { contact_id: number } | { staff_member_id: number };
	role: InviteeRole;
	/** What the activity log keeps. */
	details: Record<string, unknown>;
}

/**
 * Puts people on an open list in one transaction; anyone already on it is counted, not added
 * twice. `find` turns the listed ids (contacts or staff members) into newcomers.
 */
async function addPeople(
	db: Executor,
	gatheringId: number,
	userId: number | null,
	find: (trx: Executor) => Promise<{ listed: Set<number>; people: Newcomer[] }>
): Promise<AddResult> {
	return inTransaction(db, async (trx) => {
		await requireOpenList(trx, gatheringId);
		const { listed, people } = await find(trx);
		let added = 0;
		let already = 0;
		const now = nowIso();
		for (const person of people) {
			if (listed.has(person.key)) {
				already++;
				continue;
			}
			const inviteeId = await repo.insertInvitee(trx, {
				gathering_id: gatheringId,
				...person.row,
				role: person.role,
				checkin_code: await freshCheckinCode(trx),
				created_at: now,
				updated_at: now
			});
			await recordActivity(trx, {
				user_id: userId,
				action: 'invitee.added',
				subject_type: 'invitee',
				subject_id: inviteeId,
				gathering_id: gatheringId,
				details: person.details
			});
			added++;
		}
		return { added, already };
	});
}

/** Adds contacts as guests; anyone already on the list is counted, not added twice. */
export function addContacts(
	db: Executor,
	gatheringId: number,
	contactIds: number[],
	userId: number | null
): Promise<AddResult> {
	return addPeople(db, gatheringId, userId, async (trx) => ({
		listed: await repo.listedContactIds(trx, gatheringId),
		people: (await existingContactIds(trx, [...new Set(contactIds)])).map((id) => ({
			key: id,
			row: { contact_id: id },
			role: 'guest',
			details: { contact_id: id }
		}))
	}));
}

/** Adds the host company's people; executives come in as executives, everyone else as staff. */
export function addStaffMembers(
	db: Executor,
	gatheringId: number,
	staffIds: number[],
	userId: number | null
): Promise<AddResult> {
	return addPeople(db, gatheringId, userId, async (trx) => ({
		listed: await repo.listedStaffIds(trx, gatheringId),
		people: (await findStaffKinds(trx, [...new Set(staffIds)])).map((p) => {
			const role: InviteeRole = p.kind === 'executive' ? 'executive' : 'staff';
			return {
				key: p.id,
				row: { staff_member_id: p.id },
				role,
				details: { staff_member_id: p.id, role }
			};
		})
	}));
}

/** Adds every directory contact matching the filter (at least one filter must be given). */
export async function addFromDirectory(
	db: Executor,
	gatheringId: number,
	filter: DirectoryFilter,
	userId: number | null
): Promise<AddResult> {
	if (!hasDirectoryFilter(filter)) {
		throw new DomainError('gatherings_error_filter_needed');
	}
	const contacts = await findDirectoryContacts(db, filter, 5000);
	return addContacts(
		db,
		gatheringId,
		contacts.map((c) => c.id),
		userId
	);
}

export const inviteeChangeSchema = z
	.object({
		role: z.enum(inviteeRoles, 'error_choice'),
		companions_count: z
			.union([z.string(), z.number()])
			.optional()
			.transform((v, ctx) => {
				const text = String(v ?? '').trim();
				if (text === '') {
					return 0;
				}
				if (!/^\d+$/.test(text) || Number(text) > MAX_COMPANIONS) {
					ctx.addIssue({ code: 'custom', message: 'gatherings_error_companions' });
					return z.NEVER;
				}
				return Number(text);
			}),
		/** One name per line (or comma separated). */
		companion_names: text(1000, { multiline: true })
			.optional()
			.transform((v) => splitNameList(v ?? ''))
	})
	.transform((v) => ({
		...v,
		// Named companions count even if the number was left lower.
		companions_count: Math.max(v.companions_count, v.companion_names.length)
	}));
export type InviteeChange = z.output<typeof inviteeChangeSchema>;

export async function changeInvitee(
	db: Executor,
	gatheringId: number,
	inviteeId: number,
	change: InviteeChange,
	userId: number | null
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const gathering = await requireOpenList(trx, gatheringId);
		const invitee = await repo.findInvitee(trx, gatheringId, inviteeId);
		if (!invitee) {
			throw new NotFoundError();
		}
		if (change.companions_count > gathering.companions_allowed) {
			throw new DomainError('gatherings_error_companions_max', {
				max: gathering.companions_allowed
			});
		}
		const now = nowIso();
		await repo.updateInvitee(trx, gatheringId, inviteeId, { role: change.role, updated_at: now });
		// Staff type names (one a line) and a number; each becomes an entry. An entry whose name
		// stays keeps what the guest told us about them (Latin name, dietary needs).
		const before = await listCompanions(trx, gatheringId, [inviteeId]);
		const entries: CompanionInput[] = Array.from({ length: change.companions_count }, (_, i) => {
			const name = change.companion_names[i] ?? '';
			const same = before[i] && before[i].name === name ? before[i] : null;
			return { name, name_latin: same?.name_latin ?? '', dietary: same?.dietary ?? '' };
		});
		await replaceCompanions(trx, gatheringId, inviteeId, entries, now);
		await recordActivity(trx, {
			user_id: userId,
			action: 'invitee.updated',
			subject_type: 'invitee',
			subject_id: inviteeId,
			gathering_id: gatheringId,
			details: {
				role: change.role,
				companions_count: change.companions_count,
				previous_role: invitee.role
			}
		});
	});
}

/** Takes someone off the list. Someone who already answered goes only when `confirmed`. */
export async function removeInvitee(
	db: Executor,
	gatheringId: number,
	inviteeId: number,
	options: { confirmed: boolean },
	userId: number | null
): Promise<void> {
	await inTransaction(db, async (trx) => {
		await requireOpenList(trx, gatheringId);
		const invitee = await repo.findInvitee(trx, gatheringId, inviteeId);
		if (!invitee) {
			throw new NotFoundError();
		}
		const answered = invitee.status === 'accepted' || invitee.status === 'declined';
		if (answered && !options.confirmed) {
			throw new ConfirmationRequiredError();
		}
		// Their links go with them (rsvp_token rows cascade); so does a confirmation not yet sent.
		await cancelConfirmation(trx, inviteeId);
		await repo.deleteInvitee(trx, gatheringId, inviteeId);
		await recordActivity(trx, {
			user_id: userId,
			action: 'invitee.removed',
			subject_type: 'invitee',
			subject_id: inviteeId,
			gathering_id: gatheringId,
			details: {
				contact_id: invitee.contact_id,
				staff_member_id: invitee.staff_member_id,
				status: invitee.status
			}
		});
	});
}

/**
 * Marks one of our people absent (declined) or present again (not_invited: hosts never have an
 * answer). Guests' answers are set on the Calls page instead.
 */
export async function setHostAbsent(
	db: Executor,
	gatheringId: number,
	inviteeId: number,
	absent: boolean,
	userId: number | null
): Promise<void> {
	await inTransaction(db, async (trx) => {
		await requireOpenList(trx, gatheringId);
		const invitee = await repo.findInvitee(trx, gatheringId, inviteeId);
		if (!invitee || invitee.role === 'guest') {
			throw new NotFoundError();
		}
		const now = nowIso();
		await repo.updateInvitee(trx, gatheringId, inviteeId, {
			status: absent ? 'declined' : 'not_invited',
			answer_source: null,
			answered_at: null,
			updated_at: now
		});
		await recordActivity(trx, {
			user_id: userId,
			action: absent ? 'invitee.marked_absent' : 'invitee.marked_present',
			subject_type: 'invitee',
			subject_id: inviteeId,
			gathering_id: gatheringId,
			details: {}
		});
	});
}

/** Staff mark a guest's message read, or unread again. */
export async function markMessageRead(
	db: Executor,
	gatheringId: number,
	inviteeId: number,
	read: boolean
): Promise<void> {
	await repo.setMessageRead(db, gatheringId, inviteeId, read ? nowIso() : null);
}
