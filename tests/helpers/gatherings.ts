import type { Executor } from '$lib/server/db';
import type {
	AnswerSource,
	GatheringStatus,
	InviteeRole,
	InviteeStatus,
	NewContact,
	NewGathering,
	NewInvitee
} from '$lib/server/db/schema';
import { generateToken, hashToken } from '$lib/server/auth/tokens';
import { nowIso } from '$lib/server/time';
import { newAccount } from './accounts';

// Factories for gatherings and their guest lists. They write rows directly (no service rules),
// so a test can set up any state, e.g. an accepted guest with companions, in one line.

let counter = 0;
function unique(): string {
	counter += 1;
	return `${counter}${Math.random().toString(36).slice(2, 8)}`;
}

/** A gathering (default: open, 18 Dec 2026 18:00–22:00 Shanghai time, 100 places). */
export async function newGathering(
	db: Executor,
	values: Partial<NewGathering> & { status?: GatheringStatus } = {}
): Promise<number> {
	const now = nowIso();
	const row = await db
		.insertInto('gathering')
		.values({
			uid: `${generateToken()}@test`,
			title_zh: '重点客户答谢会',
			title_en: 'Key Account Evening',
			venue_name: '外滩酒店',
			venue_address: '上海市黄浦区中山东一路1号',
			time_zone: 'Asia/Shanghai',
			starts_at: '2026-12-18T10:00:00.000Z',
			ends_at: '2026-12-18T14:00:00.000Z',
			rsvp_deadline: '2026-12-11T10:00:00.000Z',
			capacity: 100,
			companions_allowed: 1,
			dress_code: null,
			bring_notes: null,
			host_name: null,
			host_phone: null,
			host_email: null,
			status: 'open',
			reminder_days_before: null,
			reminder_sent_at: null,
			badge_palette: null,
			created_by: null,
			created_at: now,
			updated_at: now,
			...values
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/**
 * A contact; creates an account for it unless `account_id` is given.
 * Default: Shanghai time zone, Monday–Friday 09:00–18:00, Chinese.
 */
export async function newContact(
	db: Executor,
	values: Partial<NewContact> = {}
): Promise<{ id: number; accountId: number }> {
	const accountId = values.account_id ?? (await newAccount(db));
	const now = nowIso();
	const row = await db
		.insertInto('contact')
		.values({
			name: `王伟${unique()}`,
			email: `guest${unique()}@example.com`,
			phone: '13800000000',
			created_at: now,
			updated_at: now,
			...values,
			account_id: accountId
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return { id: row.id, accountId };
}

/** One of the host company's people. */
export async function newStaffMember(
	db: Executor,
	values: {
		name?: string;
		name_latin?: string | null;
		kind?: 'executive' | 'staff';
		title?: string;
		email?: string;
	} = {}
): Promise<number> {
	const now = nowIso();
	const row = await db
		.insertInto('staff_member')
		.values({
			name: values.name ?? `刘总${unique()}`,
			name_latin: values.name_latin ?? null,
			title: values.title ?? '总经理',
			title_en: null,
			kind: values.kind ?? 'executive',
			user_id: null,
			email: values.email ?? null,
			phone: null,
			created_at: now,
			updated_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export type InviteePerson =
	{ contact_id: number } | { staff_member_id: number } | { walk_in_name: string };

/**
 * Puts a person on a gathering's list. Default: a guest not yet invited. Pass
 * `{ status: 'accepted' }` etc. to set an answer (companions: addCompanions); answer_source defaults to
 * 'link' and answered_at to now when the status is accepted or declined.
 */
export async function addInvitee(
	db: Executor,
	gatheringId: number,
	person: InviteePerson,
	values: Partial<NewInvitee> & {
		role?: InviteeRole;
		status?: InviteeStatus;
		answer_source?: AnswerSource | null;
	} = {}
): Promise<{ id: number; code: string }> {
	const now = nowIso();
	const status = values.status ?? 'not_invited';
	const answered = status === 'accepted' || status === 'declined';
	const code = values.checkin_code ?? `t${unique()}${generateToken().slice(0, 8)}`;
	const row = await db
		.insertInto('invitee')
		.values({
			gathering_id: gatheringId,
			role: 'guest',
			status,
			answer_source: answered ? 'link' : null,
			answered_at: answered ? now : null,
			invited_at: status === 'not_invited' ? null : now,
			created_at: now,
			updated_at: now,
			...person,
			...values,
			checkin_code: code
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return { id: row.id, code };
}

/** A gathering with `count` contacts on its list, each at its own account. */
export async function newGatheringWithGuests(
	db: Executor,
	count: number,
	gathering: Partial<NewGathering> = {},
	invitee: Partial<NewInvitee> = {}
): Promise<{ gatheringId: number; contactIds: number[]; inviteeIds: number[] }> {
	const gatheringId = await newGathering(db, gathering);
	const contactIds: number[] = [];
	const inviteeIds: number[] = [];
	for (let i = 0; i < count; i++) {
		const contact = await newContact(db);
		contactIds.push(contact.id);
		inviteeIds.push((await addInvitee(db, gatheringId, { contact_id: contact.id }, invitee)).id);
	}
	return { gatheringId, contactIds, inviteeIds };
}

/**
 * Gives an invitee companions, one entry each ('' = announced, name not known yet); numbered
 * from 1 like their badges.
 */
export async function addCompanions(
	db: Executor,
	gatheringId: number,
	inviteeId: number,
	companions: (string | { name: string; name_latin?: string | null; dietary?: string | null })[]
): Promise<void> {
	const now = nowIso();
	for (const [i, c] of companions.entries()) {
		const entry = typeof c === 'string' ? { name: c } : c;
		await db
			.insertInto('invitee_companion')
			.values({
				gathering_id: gatheringId,
				invitee_id: inviteeId,
				position: i + 1,
				name: entry.name,
				name_latin: entry.name_latin ?? null,
				dietary: entry.dietary ?? null,
				checked_in_at: null,
				created_at: now
			})
			.execute();
	}
}

/** A live RSVP link for an invitee; returns the token as it would appear in the URL. */
export async function newRsvpToken(db: Executor, inviteeId: number): Promise<string> {
	const token = generateToken();
	await db
		.insertInto('rsvp_token')
		.values({
			token_hash: hashToken(token),
			invitee_id: inviteeId,
			created_at: nowIso(),
			revoked_at: null
		})
		.execute();
	return token;
}
