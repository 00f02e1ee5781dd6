import type { Db } from '$lib/server/db';
import type { InviteeRole, InviteeStatus, NewInvitee } from '$lib/server/db/schema';
import { generateToken, hashToken } from '$lib/server/auth/tokens';
import { nowIso } from '$lib/server/time';

// Small inserts for the badges/check-in tests. The gatherings area's factories
// (tests/helpers/gatherings.ts) can replace these once they exist.

export async function insertGathering(
	db: Db,
	values: { title_zh?: string; title_en?: string; starts_at?: string; badge_palette?: string } = {}
): Promise<number> {
	const now = nowIso();
	const row = await db
		.insertInto('gathering')
		.values({
			uid: `${generateToken()}@test`,
			title_zh: values.title_zh ?? '重点客户答谢会',
			title_en: values.title_en ?? 'Key Account Evening',
			starts_at: values.starts_at ?? '2026-12-18T10:00:00.000Z',
			ends_at: '2026-12-18T14:00:00.000Z',
			badge_palette: values.badge_palette ?? null,
			created_at: now,
			updated_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function insertStaffMember(
	db: Db,
	values: {
		name?: string;
		name_latin?: string | null;
		title?: string;
		kind?: 'executive' | 'staff';
	} = {}
): Promise<number> {
	const now = nowIso();
	const row = await db
		.insertInto('staff_member')
		.values({
			name: values.name ?? '刘总',
			name_latin: values.name_latin ?? null,
			title: values.title ?? '总经理',
			title_en: null,
			kind: values.kind ?? 'executive',
			user_id: null,
			email: null,
			phone: null,
			created_at: now,
			updated_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

let codes = 0;

export async function insertInvitee(
	db: Db,
	gatheringId: number,
	person: { contact_id: number } | { staff_member_id: number } | { walk_in_name: string },
	values: Partial<NewInvitee> & { role?: InviteeRole; status?: InviteeStatus } = {}
): Promise<{ id: number; code: string }> {
	const now = nowIso();
	const code = values.checkin_code ?? `code${++codes}${Math.random().toString(36).slice(2, 8)}`;
	const row = await db
		.insertInto('invitee')
		.values({
			gathering_id: gatheringId,
			role: 'guest',
			status: 'accepted',
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

/** A live RSVP link for an invitee; returns the token as it would appear in the URL. */
export async function insertRsvpToken(db: Db, inviteeId: number): Promise<string> {
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
