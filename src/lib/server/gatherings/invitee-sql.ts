import { sql } from 'kysely';
import type { Executor } from '../db';
import type { Locale, Tier } from '../db/schema';
import { effectiveTier } from '../accounts/effective-tier';

// "Who is this invitee", written once. An invitee row `i` is exactly one of a contact `c` (with
// their account `a`), one of our people `s` (with their user `su`) or a walk-in typed at the
// door (i.walk_in_*). Every query that shows a person joins and reads them through here:
// guest list, invitations, check-in, badges, RSVP page, attendees.

/** invitee `i` with `c` contact, `a` account, `s` staff member and `su` that member's user. */
export function fromInvitees(db: Executor) {
	return db
		.selectFrom('invitee as i')
		.leftJoin('contact as c', 'c.id', 'i.contact_id')
		.leftJoin('account as a', 'a.id', 'c.account_id')
		.leftJoin('staff_member as s', 's.id', 'i.staff_member_id')
		.leftJoin('user as su', 'su.id', 's.user_id');
}

/**
 * The same joins for the hand-written statements of the RSVP hot path (rsvp/repository.ts),
 * which select `from … invitee i` and interpolate this after it.
 */
export const inviteeJoinsSql = sql`left join contact c on c.id = i.contact_id
left join account a on a.id = c.account_id
left join staff_member s on s.id = i.staff_member_id
left join user su on su.id = s.user_id`;

/** The name to show: the contact's, our person's, or the walk-in's. */
export const inviteeName = sql<string>`coalesce(c.name, s.name, i.walk_in_name, '')`;
/** The name in Latin letters, when known. */
export const inviteeNameLatin = sql<
	string | null
>`coalesce(c.name_latin, s.name_latin, i.walk_in_name_latin)`;
/** The company: the contact's account, or what a walk-in said (null for our people). */
export const inviteeCompany = sql<string | null>`coalesce(a.name, i.walk_in_company)`;
/** The account's tier (override, else computed); null for our people and walk-ins. */
export const inviteeTier = effectiveTier<Tier | null>('a');
/** The language the person reads: the contact's, our person's user's, else Chinese. */
export const inviteeLocale = sql<Locale>`coalesce(c.locale, su.locale, 'zh-CN')`;

/**
 * Who is coming, written once: a guest who accepted (by link, phone, staff or at the door), and
 * our own people (executives, staff) unless marked absent (declined). Our people are hosts: they
 * are never invited, so they never answer.
 */
export const isAttending = sql<boolean>`(i.status = 'accepted' or (i.role != 'guest' and i.status != 'declined'))`;

/**
 * Came without an invitation and was registered at the door. An invited guest who turns up
 * without having answered is accepted at the door too, but was invited: not a walk-in.
 */
export const isWalkIn = sql<boolean>`(i.answer_source = 'walk_in' and i.invited_at is null)`;

/** Companions announced by the invitee `i` of the surrounding query (a correlated count). */
export const companionCount = sql<number>`(select count(*) from invitee_companion ic where ic.invitee_id = i.id)`;
/** Of those, the ones checked in at the door. */
export const companionsArrived = sql<number>`(select count(*) from invitee_companion ic where ic.invitee_id = i.id and ic.checked_in_at is not null)`;
