import { CompiledQuery, sql } from 'kysely';
import type { Executor } from '../db';
import type { AnswerSource, Gathering, InviteeRole, InviteeStatus, Locale } from '../db/schema';
import type { InviteeRow } from '../invitations/repository';
import type { CompanionRow } from '../gatherings/companions-repository';
import {
	inviteeCompany,
	inviteeJoinsSql,
	inviteeLocale,
	inviteeName,
	inviteeNameLatin,
	inviteeTier
} from '../gatherings/invitee-sql';

// The answer path runs a handful of statements per request under load (bench/rsvp.ts), so its
// queries are written once as SQL: building them with Kysely on every request cost more than
// running them. Everything else here stays with the query builder.

/** An invitee's own answer, as the page shows it and the service compares it. */
export interface StoredAnswer {
	status: InviteeStatus;
	answer_source: AnswerSource | null;
	answered_at: string | null;
	dietary: string | null;
	tour_language: string | null;
	arrival_details: string | null;
	message_to_host: string | null;
}

/** Everything behind one live token, read in one statement. */
export interface TokenContext {
	gathering: Gathering;
	row: InviteeRow;
	answer: StoredAnswer;
	/** The address's throttle row, when one was asked for and exists. */
	throttle: { failures: number; window_start: string } | undefined;
	/** The company names from the settings (null = not stored), for mail nobody manages. */
	companyName: string | null;
	companyNameEn: string | null;
	/** The nonce of this link (or of the invitee's newest), to put the link in a confirmation. */
	linkNonce: string | null;
	ownerLocale: Locale | null;
	/** The invitee's companions, by position (read in the same statement). */
	companions: CompanionRow[];
}

// Invitee-side columns carry a `__` prefix so they never collide with the gathering's own (g.*).
// Who the invitee is comes from gatherings/invitee-sql.ts like everywhere else; the statement is
// compiled to text once per process (the `?` stay as written: no values are interpolated) and
// then run as a prepared statement, so the hot path never builds a query.
const tokenContextQuery = sql`select g.*,
  i.id as __id, i.role as __role, i.status as __status, i.answer_source as __answer_source,
  i.answered_at as __answered_at, i.invited_at as __invited_at,
  i.last_reminded_at as __last_reminded_at, i.contact_id as __contact_id,
  i.staff_member_id as __staff_member_id, i.dietary as __dietary,
  i.tour_language as __tour_language, i.arrival_details as __arrival_details,
  i.message_to_host as __message_to_host,
  ${inviteeName} as __name,
  ${inviteeNameLatin} as __name_latin,
  s.title as __staff_title, s.title_en as __staff_title_en,
  c.salutation as __salutation, c.time_zone as __time_zone, coalesce(c.email, s.email) as __email,
  coalesce(c.phone, s.phone) as __phone, ${inviteeLocale} as __locale,
  a.id as __account_id, ${inviteeCompany} as __account_name,
  ${inviteeTier} as __tier,
  owner.name as __owner_name, owner.email as __owner_email, owner.locale as __owner_locale,
  (select title from staff_member where user_id = owner.id order by id limit 1) as __owner_title,
  (select title_en from staff_member where user_id = owner.id order by id limit 1) as __owner_title_en,
  (select phone from staff_member where user_id = owner.id order by id limit 1) as __owner_phone,
  (select failures from rsvp_throttle where address = ?) as __thr_failures,
  (select window_start from rsvp_throttle where address = ?) as __thr_window_start,
  (select json_group_array(json_array(ic.id, ic.position, ic.name, ic.name_latin, ic.dietary,
    ic.checked_in_at)) from invitee_companion ic where ic.invitee_id = i.id) as __companions,
  (select value from setting where key = 'company_name') as __company_name,
  (select value from setting where key = 'company_name_en') as __company_name_en,
  coalesce(t.link_nonce, (select x.link_nonce from rsvp_token x where x.invitee_id = i.id
    and x.revoked_at is null and x.link_nonce is not null
    order by x.created_at desc limit 1)) as __link_nonce
from rsvp_token t
join invitee i on i.id = t.invitee_id
join gathering g on g.id = i.gathering_id
${inviteeJoinsSql}
left join user owner on owner.id = a.owner_user_id
where t.token_hash = ? and t.revoked_at is null and g.ends_at > ?`;
let tokenContextSql: string | undefined;

type Raw = Record<string, unknown>;

/** The invitee, their gathering, account manager and the address's throttle row behind a token. */
export async function findTokenContext(
	db: Executor,
	tokenHash: string,
	address: string | null,
	/** Links of gatherings that ended at or before this instant are dead. */
	endedBefore: string
): Promise<TokenContext | undefined> {
	const { rows } = await db.executeQuery<Raw>(
		CompiledQuery.raw((tokenContextSql ??= tokenContextQuery.compile(db).sql), [
			address,
			address,
			tokenHash,
			endedBefore
		])
	);
	const r = rows[0];
	if (!r) {
		return undefined;
	}
	const gathering: Raw = {};
	for (const key in r) {
		if (!key.startsWith('__')) {
			gathering[key] = r[key];
		}
	}
	const v = <T>(key: string) => r[`__${key}`] as T;
	const answer: StoredAnswer = {
		status: v('status'),
		answer_source: v('answer_source'),
		answered_at: v('answered_at'),
		dietary: v('dietary'),
		tour_language: v('tour_language'),
		arrival_details: v('arrival_details'),
		message_to_host: v('message_to_host')
	};
	const row: InviteeRow = {
		id: v<number>('id'),
		role: v<InviteeRole>('role'),
		status: answer.status,
		answer_source: answer.answer_source,
		answered_at: answer.answered_at,
		invited_at: v('invited_at'),
		last_reminded_at: v('last_reminded_at'),
		contact_id: v('contact_id'),
		staff_member_id: v('staff_member_id'),
		name: v('name'),
		name_latin: v('name_latin'),
		salutation: v('salutation'),
		time_zone: v('time_zone'),
		email: v('email'),
		phone: v('phone'),
		locale: v<Locale>('locale'),
		account_id: v('account_id'),
		account_name: v('account_name'),
		tier: v('tier'),
		owner_name: v('owner_name'),
		owner_email: v('owner_email'),
		owner_title: v('owner_title'),
		owner_title_en: v('owner_title_en'),
		owner_phone: v('owner_phone'),
		staff_title: v('staff_title'),
		staff_title_en: v('staff_title_en'),
		dietary: answer.dietary,
		tour_language: answer.tour_language,
		arrival_details: answer.arrival_details,
		message_to_host: answer.message_to_host
	};
	const failures = v<number | null>('thr_failures');
	return {
		gathering: gathering as unknown as Gathering,
		row,
		answer,
		throttle:
			failures === null ? undefined : { failures, window_start: v<string>('thr_window_start') },
		companyName: v('company_name'),
		companyNameEn: v('company_name_en'),
		linkNonce: v('link_nonce'),
		ownerLocale: v('owner_locale'),
		companions: parseCompanions(row.id, v<string | null>('companions'))
	};
}

function parseCompanions(inviteeId: number, json: string | null): CompanionRow[] {
	const list = JSON.parse(json ?? '[]') as [
		number,
		number,
		string,
		string | null,
		string | null,
		string | null
	][];
	return list
		.map(([id, position, name, name_latin, dietary, checked_in_at]) => ({
			id,
			invitee_id: inviteeId,
			position,
			name,
			name_latin,
			dietary,
			checked_in_at
		}))
		.sort((a, b) => a.position - b.position);
}

const UPDATE_ANSWER_SQL = `update invitee set status = ?, answer_source = ?, answered_at = ?,
  dietary = ?, tour_language = ?, arrival_details = ?,
  message_read_at = case when coalesce(message_to_host, '') = coalesce(?, '') then message_read_at else null end,
  message_to_host = ?, updated_at = ?
where id = ? and gathering_id = ?`;

export interface AnswerValues {
	status: 'accepted' | 'declined';
	answer_source: AnswerSource;
	answered_at: string;
	dietary: string | null;
	tour_language: string | null;
	arrival_details: string | null;
	message_to_host: string | null;
	updated_at: string;
}

export async function updateAnswer(
	db: Executor,
	gatheringId: number,
	inviteeId: number,
	values: AnswerValues
): Promise<void> {
	await db.executeQuery(
		CompiledQuery.raw(UPDATE_ANSWER_SQL, [
			values.status,
			values.answer_source,
			values.answered_at,
			values.dietary,
			values.tour_language,
			values.arrival_details,
			values.message_to_host,
			values.message_to_host,
			values.updated_at,
			inviteeId,
			gatheringId
		])
	);
}

const INSERT_ACTIVITY_SQL = `insert into activity
  (at, user_id, action, subject_type, subject_id, account_id, gathering_id, details)
values (?, null, 'invitee.answered', 'invitee', ?, ?, ?, ?)`;

/** The history entry of a guest's own answer (what activity/repository's recordActivity writes). */
export async function insertAnswerActivity(
	db: Executor,
	entry: {
		at: string;
		inviteeId: number;
		accountId: number | null;
		gatheringId: number;
		details: Record<string, unknown>;
	}
): Promise<void> {
	await db.executeQuery(
		CompiledQuery.raw(INSERT_ACTIVITY_SQL, [
			entry.at,
			entry.inviteeId,
			entry.accountId,
			entry.gatheringId,
			JSON.stringify(entry.details)
		])
	);
}

export function listMaterials(db: Executor, gatheringId: number) {
	return db
		.selectFrom('gathering_material')
		.select(['id', 'filename', 'size'])
		.where('gathering_id', '=', gatheringId)
		.orderBy('id')
		.execute();
}

export function findThrottle(db: Executor, address: string) {
	return db
		.selectFrom('rsvp_throttle')
		.selectAll()
		.where('address', '=', address)
		.executeTakeFirst();
}

// One statement counts the hit and says where the count stands, so parallel requests each see
// their own place in line (a read before the write let a whole burst through as "first").
const HIT_THROTTLE_SQL = `insert into rsvp_throttle (address, failures, window_start) values (?, 1, ?)
on conflict (address) do update set
  failures = case when window_start <= ? then 1 else failures + 1 end,
  window_start = case when window_start <= ? then excluded.window_start else window_start end
returning failures`;

/**
 * Counts one hit for `key` in a window that starts anew when the last one began at or before
 * `windowStartedBefore`; returns the hits in the current window, this one included.
 */
export async function hitThrottle(
	db: Executor,
	key: string,
	now: string,
	windowStartedBefore: string
): Promise<number> {
	const { rows } = await db.executeQuery<{ failures: number }>(
		CompiledQuery.raw(HIT_THROTTLE_SQL, [key, now, windowStartedBefore, windowStartedBefore])
	);
	return rows[0].failures;
}
