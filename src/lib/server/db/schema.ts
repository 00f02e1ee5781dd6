import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { SkipReason } from '$lib/domain/greetings';

import type {
	AnswerSource,
	CallOutcome,
	Channel,
	GatheringStatus,
	InviteeRole,
	InviteeStatus,
	Locale,
	OutboxStatus,
	Role,
	Tier
} from '$lib/domain/codes';

// The codes live in $lib/domain so pages can use them; the server keeps importing them from here.
export type * from '$lib/domain/codes';

/** Every time is UTC ISO-8601 text (`new Date().toISOString()`); dates are `YYYY-MM-DD`, yearly dates `MM-DD`. */
export type IsoTime = string;

export interface UserTable {
	id: Generated<number>;
	email: string;
	name: string;
	role: Role;
	password_hash: string;
	locale: Locale | null;
	disabled_at: IsoTime | null;
	calendar_feed_token_hash: string | null;
	created_at: IsoTime;
	updated_at: IsoTime;
}

export interface SessionTable {
	/** sha256(token), hex; the token itself lives only in the cookie. */
	id: string;
	user_id: number;
	expires_at: IsoTime;
}

/** One sign-in throttle key (address, account, or both); times in epoch ms. */
export interface SignInThrottleTable {
	key: string;
	/** Attempts taken since the window began (each is counted before its password is checked). */
	failures: number;
	free_failures: number;
	max_lock_ms: number;
	locked_until: number;
	updated_at: number;
	/** Whether the last statement on this row let its attempt through (1) or refused it (0). */
	allowed: number;
}

export interface SettingTable {
	key: string;
	value: string;
}

export interface StaffMemberTable {
	id: Generated<number>;
	user_id: number | null;
	name: string;
	name_latin: string | null;
	title: string;
	title_en: string | null;
	kind: 'executive' | 'staff';
	is_general_manager: Generated<number>;
	/** Lower is more senior; the banquet introduces people in this order. */
	seniority: Generated<number>;
	email: string | null;
	phone: string | null;
	created_at: IsoTime;
	updated_at: IsoTime;
}

export interface AccountTable {
	id: Generated<number>;
	name: string;
	name_en: string | null;
	/** Pinyin of name for sorting (migration 1200); set by the accounts service. */
	name_sort: Generated<string>;
	industry: string | null;
	region: string | null;
	channel: Channel;
	currency: Generated<string>;
	/** Money in minor units (fen, cents). */
	annual_sales_minor: Generated<number>;
	annual_profit_minor: Generated<number>;
	owner_user_id: number | null;
	notes: string | null;
	competitor_notes: string | null;
	last_reviewed_on: string | null;
	/** Result of the 80/20 rule within the channel; recomputed whenever figures change. */
	auto_tier: Generated<'key' | 'regular'>;
	/** JSON: why auto_tier was given (rank and cumulative share by sales and by profit). */
	auto_tier_basis: Generated<string>;
	tier_override: Tier | null;
	tier_override_reason: string | null;
	/** 'MM-DD' of the relationship's (or company's) anniversary, and the year it began. */
	anniversary: string | null;
	anniversary_year: number | null;
	created_at: IsoTime;
	updated_at: IsoTime;
}

export interface AccountTagTable {
	account_id: number;
	tag: string;
}

export interface ContactTable {
	id: Generated<number>;
	account_id: number;
	name: string;
	name_latin: string | null;
	/** Derived from name (pinyin-pro) for sorting and search: 'wangwei', 'ww'. */
	name_pinyin: Generated<string>;
	name_initials: Generated<string>;
	salutation: string | null;
	title: string | null;
	email: string | null;
	phone: string | null;
	locale: Generated<Locale>;
	time_zone: Generated<string>;
	/** ISO weekdays, comma separated: '1,2,3,4,5' is Monday to Friday. */
	working_days: Generated<string>;
	work_start: Generated<string>;
	work_end: Generated<string>;
	/** 'MM-DD' */
	birthday: string | null;
	birth_year: number | null;
	/** Lunar 'MM-DD' (农历生日), celebrated on its Gregorian date each lunar year. */
	lunar_birthday: string | null;
	dietary: string | null;
	hobbies: string | null;
	style_notes: string | null;
	greeting_opt_out: Generated<number>;
	notes: string | null;
	created_at: IsoTime;
	updated_at: IsoTime;
}

export interface ContactDateTable {
	id: Generated<number>;
	contact_id: number;
	label: string;
	month_day: string;
	year: number | null;
}

export interface ActivityTable {
	id: Generated<number>;
	at: IsoTime;
	user_id: number | null;
	/** Dotted: 'account.created', 'contact.updated', 'invitee.answered'. */
	action: string;
	subject_type: string;
	subject_id: number;
	account_id: number | null;
	gathering_id: number | null;
	/** JSON object. */
	details: Generated<string>;
}

export interface GatheringTable {
	id: Generated<number>;
	/** Stable iCalendar UID. */
	uid: string;
	title_zh: string;
	title_en: string;
	description_zh: Generated<string>;
	description_en: Generated<string>;
	venue_name: Generated<string>;
	venue_address: Generated<string>;
	map_url: string | null;
	time_zone: Generated<string>;
	starts_at: IsoTime;
	ends_at: IsoTime;
	rsvp_deadline: IsoTime | null;
	capacity: number | null;
	companions_allowed: Generated<number>;
	dress_code: string | null;
	bring_notes: string | null;
	host_name: string | null;
	host_phone: string | null;
	host_email: string | null;
	/** English versions of the details above (those hold the Chinese); null = not given. */
	venue_name_en: string | null;
	venue_address_en: string | null;
	dress_code_en: string | null;
	bring_notes_en: string | null;
	host_name_en: string | null;
	/**
	 * JSON: the time and place accepted guests last heard of, kept from a schedule change until
	 * the update email goes out (which says old → new); null when they know the current one.
	 */
	announced_schedule: string | null;
	status: Generated<GatheringStatus>;
	reminder_days_before: number | null;
	reminder_sent_at: IsoTime | null;
	/** iCalendar SEQUENCE, raised when time or venue changes. */
	ics_sequence: Generated<number>;
	/** JSON: per-role badge colours; null means the default palette. */
	badge_palette: string | null;
	/** The agenda as plain text per language (programme, migration 1200); goes into the .ics. */
	agenda_zh: Generated<string>;
	agenda_en: Generated<string>;
	created_by: number | null;
	created_at: IsoTime;
	updated_at: IsoTime;
}

export interface InviteeTable {
	id: Generated<number>;
	gathering_id: number;
	/** Exactly one of contact_id, staff_member_id, walk_in_name is set. */
	contact_id: number | null;
	staff_member_id: number | null;
	walk_in_name: string | null;
	walk_in_name_latin: string | null;
	walk_in_company: string | null;
	walk_in_title: string | null;
	role: InviteeRole;
	status: Generated<InviteeStatus>;
	answer_source: AnswerSource | null;
	answered_at: IsoTime | null;
	invited_at: IsoTime | null;
	last_reminded_at: IsoTime | null;
	dietary: string | null;
	tour_language: string | null;
	arrival_details: string | null;
	message_to_host: string | null;
	/** When staff marked the guest's message read; null = unread (or no message). */
	message_read_at: IsoTime | null;
	table_number: string | null;
	tour_group: string | null;
	/** Random code printed in the badge QR; not a secret that grants anything to guests. */
	checkin_code: string;
	checked_in_at: IsoTime | null;
	checked_in_by: number | null;
	pack_handed_at: IsoTime | null;
	badge_printed_at: IsoTime | null;
	created_at: IsoTime;
	updated_at: IsoTime;
}

export interface RsvpTokenTable {
	token_hash: string;
	invitee_id: number;
	created_at: IsoTime;
	revoked_at: IsoTime | null;
	/** The link's random nonce; the token is HMAC(link key, nonce) (rsvp/links.ts). */
	link_nonce: string | null;
}

export interface RsvpThrottleTable {
	address: string;
	failures: number;
	window_start: IsoTime;
}

export interface PhoneCallTable {
	id: Generated<number>;
	gathering_id: number;
	invitee_id: number;
	called_at: IsoTime;
	user_id: number | null;
	outcome: CallOutcome;
	note: string | null;
	/** When to try again after "no answer" or "call back" (UTC). */
	call_back_at: IsoTime | null;
}

/** A guest's companion (随行人员): one entry per person, each with their own badge and check-in. */
export interface InviteeCompanionTable {
	id: Generated<number>;
	gathering_id: number;
	invitee_id: number;
	/** 1-based; the number on the companion's badge. */
	position: number;
	/** '' while the name is not known yet. */
	name: Generated<string>;
	name_latin: string | null;
	dietary: string | null;
	checked_in_at: IsoTime | null;
	created_at: IsoTime;
}

export interface GatheringMaterialTable {
	id: Generated<number>;
	gathering_id: number;
	filename: string;
	content_type: string;
	size: number;
	content: Buffer;
	created_at: IsoTime;
}

export interface OutboxMessageTable {
	id: Generated<number>;
	/** Makes enqueueing idempotent: the same logical message is written once. */
	dedupe_key: string | null;
	kind: string;
	/** RFC 5322 Message-ID, kept across retries. */
	message_id: string;
	from_name: string;
	reply_to: string | null;
	to_address: string;
	to_name: string | null;
	locale: Locale;
	subject: string;
	html: string;
	text: string;
	status: Generated<OutboxStatus>;
	attempts: Generated<number>;
	next_attempt_at: IsoTime;
	lease_owner: string | null;
	lease_until: IsoTime | null;
	last_error: string | null;
	sent_at: IsoTime | null;
	gathering_id: number | null;
	invitee_id: number | null;
	/** JSON object of extra headers (List-Unsubscribe …); null for none. */
	headers: string | null;
	campaign_id: number | null;
	created_at: IsoTime;
}

export interface OutboxAttachmentTable {
	id: Generated<number>;
	message_id: number;
	filename: string;
	content_type: string;
	/** Empty when blob_id names the shared content. */
	content: Buffer;
	/** Set for an inline image the HTML shows as cid:<content_id>. */
	content_id: string | null;
	blob_id: number | null;
}

export interface GreetingOccasionTable {
	id: Generated<number>;
	name_zh: string;
	name_en: string;
	/** 'MM-DD', every year. */
	month_day: string;
	created_at: IsoTime;
}

export interface CampaignTable {
	id: Generated<number>;
	name: string;
	/** A festival key, 'custom:<id>' or 'other' (see $lib/domain/greetings). */
	occasion: string;
	/** The occasion's date (YYYY-MM-DD): names the year's zodiac animal. */
	occasion_date: string;
	/** fixed: at send_at (UTC); local_nine: 09:00 on send_date in each recipient's zone. */
	send_mode: 'fixed' | 'local_nine';
	send_at: IsoTime | null;
	send_date: string | null;
	/** The zone send_at was typed in (shown back in it). */
	send_zone: Generated<string>;
	/** owner: each contact's account manager; person: sender_user_id for everyone. */
	sender_mode: 'owner' | 'person';
	sender_user_id: number | null;
	/** JSON: the audience filter (tier, channel, accountId, ownerUserId, tag, locale). */
	filter: Generated<string>;
	status: Generated<'draft' | 'sending' | 'paused' | 'cancelled' | 'done'>;
	created_by: number | null;
	started_at: IsoTime | null;
	finished_at: IsoTime | null;
	created_at: IsoTime;
	updated_at: IsoTime;
}

export interface CampaignTemplateTable {
	campaign_id: number;
	locale: Locale;
	subject: string;
	body: string;
	/** The text set on a built-in card design; null with an uploaded card or none. */
	card_text: string | null;
	/** The built-in design's festival key; null for an uploaded card or none. */
	card_design: string | null;
	card_png: Buffer | null;
}

export interface CampaignAudienceEditTable {
	campaign_id: number;
	contact_id: number;
	/** 1: added by hand; 0: removed by hand (whatever the filters say). */
	included: number;
}

export interface CampaignRecipientTable {
	id: Generated<number>;
	campaign_id: number;
	contact_id: number;
	/** queued: handed to the outbox (outbox_message_id says what became of it). */
	state: 'pending' | 'queued' | 'skipped' | 'unsubscribed';
	reason: SkipReason | null;
	due_at: IsoTime;
	sender_domain: string;
	outbox_message_id: number | null;
	queued_at: IsoTime | null;
	updated_at: IsoTime;
}

export interface GreetingUnsubscribeTokenTable {
	/** sha256(token), hex; the token itself is only in the email's links. */
	token_hash: string;
	contact_id: number;
	created_at: IsoTime;
}

export interface RecurringGreetingTable {
	user_id: number;
	birthday: Generated<number>;
	anniversary: Generated<number>;
	subject_zh: string;
	body_zh: string;
	subject_en: string;
	body_en: string;
	updated_at: IsoTime;
}

export interface MailBlobTable {
	id: Generated<number>;
	sha256: string;
	content: Buffer;
	/** Set for an inline part the HTML shows as cid:<content_id> (the company logo). */
	content_id: string | null;
}

/**
 * A hard bounce: the receiving server refused this address for good (5xx at RCPT TO or DATA).
 * Greetings leave it out; a corrected address is a new address and goes again.
 */
export interface EmailBounceTable {
	/** Lower case. */
	address: string;
	/** The server's reply, e.g. "550 5.1.1 No such user". */
	reply: string;
	outbox_message_id: number | null;
	bounced_at: IsoTime;
}

/** The company's logo (one row), embedded in emails as an inline image. */
export interface CompanyLogoTable {
	id: number;
	content: Buffer;
	content_type: string;
	updated_at: IsoTime;
}

// Programme (issue 9, migration 2026-11-29T1200). People in tours and seats are person keys:
// 'i12' is invitee 12, 'i12c0' their first companion.
export interface ProgramItemTable {
	id: Generated<number>;
	gathering_id: number;
	starts_at: IsoTime;
	ends_at: IsoTime;
	kind: string;
	title_zh: string;
	title_en: string;
	place: Generated<string>;
	staff_notes: Generated<string>;
	guest_notes_zh: Generated<string>;
	guest_notes_en: Generated<string>;
	parallel: Generated<number>;
	created_at: IsoTime;
	updated_at: IsoTime;
}

export interface ProgramItemPersonTable {
	item_id: number;
	invitee_id: number;
}

export interface TourGroupTable {
	id: Generated<number>;
	gathering_id: number;
	item_id: number;
	name: string;
	guide_invitee_id: number | null;
	/** A tour language as the RSVP form offers it: 'zh' or 'en'. */
	language: Generated<string>;
	capacity: number;
	start_offset_min: Generated<number>;
	/** JSON array of { place, minutes, safety }. */
	route: Generated<string>;
	sort: Generated<number>;
}

/** One group per person per tour item (migration 2026-11-30T0100): key (item_id, person_key). */
export interface TourMemberTable {
	gathering_id: number;
	/** The tour item of the group (tour_group.item_id), kept here so the key can hold it. */
	item_id: number;
	person_key: string;
	group_id: number;
	pinned: Generated<number>;
}

export interface SeatingTableTable {
	id: Generated<number>;
	gathering_id: number;
	name: string;
	seats: number;
	is_head: Generated<number>;
	grid_row: Generated<number>;
	grid_col: Generated<number>;
}

export interface SeatAssignmentTable {
	gathering_id: number;
	person_key: string;
	table_id: number;
	seat: number;
	pinned: Generated<number>;
}

export interface KeepApartTable {
	gathering_id: number;
	person_a: string;
	person_b: string;
}

export interface BanquetSegmentTable {
	id: Generated<number>;
	gathering_id: number;
	item_id: number;
	sort: number;
	kind: string;
	invitee_id: number | null;
	minutes: number;
	note: Generated<string>;
}

export interface McLineTable {
	gathering_id: number;
	person_key: string;
	locale: Locale;
	text: string;
}

export interface ProgramStateTable {
	gathering_id: number;
	designated_invitee_id: number | null;
	late_minutes: Generated<number>;
	late_updated_at: IsoTime | null;
	/** Where the entrance is on the room plan: 'top' | 'bottom' | 'left' | 'right'. */
	entrance: Generated<string>;
	updated_at: IsoTime;
}

export interface DB {
	user: UserTable;
	session: SessionTable;
	sign_in_throttle: SignInThrottleTable;
	setting: SettingTable;
	staff_member: StaffMemberTable;
	account: AccountTable;
	account_tag: AccountTagTable;
	contact: ContactTable;
	contact_date: ContactDateTable;
	activity: ActivityTable;
	gathering: GatheringTable;
	invitee: InviteeTable;
	invitee_companion: InviteeCompanionTable;
	rsvp_token: RsvpTokenTable;
	rsvp_throttle: RsvpThrottleTable;
	phone_call: PhoneCallTable;
	gathering_material: GatheringMaterialTable;
	outbox_message: OutboxMessageTable;
	outbox_attachment: OutboxAttachmentTable;
	company_logo: CompanyLogoTable;
	program_item: ProgramItemTable;
	program_item_person: ProgramItemPersonTable;
	tour_group: TourGroupTable;
	tour_member: TourMemberTable;
	seating_table: SeatingTableTable;
	seat_assignment: SeatAssignmentTable;
	keep_apart: KeepApartTable;
	banquet_segment: BanquetSegmentTable;
	mc_line: McLineTable;
	program_state: ProgramStateTable;
	greeting_occasion: GreetingOccasionTable;
	campaign: CampaignTable;
	campaign_template: CampaignTemplateTable;
	campaign_audience_edit: CampaignAudienceEditTable;
	campaign_recipient: CampaignRecipientTable;
	greeting_unsubscribe_token: GreetingUnsubscribeTokenTable;
	recurring_greeting: RecurringGreetingTable;
	mail_blob: MailBlobTable;
	email_bounce: EmailBounceTable;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Session = Selectable<SessionTable>;
export type StaffMember = Selectable<StaffMemberTable>;
export type NewStaffMember = Insertable<StaffMemberTable>;
export type StaffMemberUpdate = Updateable<StaffMemberTable>;
export type Account = Selectable<AccountTable>;
export type NewAccount = Insertable<AccountTable>;
export type AccountUpdate = Updateable<AccountTable>;
export type Contact = Selectable<ContactTable>;
export type NewContact = Insertable<ContactTable>;
export type ContactUpdate = Updateable<ContactTable>;
export type ContactDate = Selectable<ContactDateTable>;
export type Activity = Selectable<ActivityTable>;
export type NewActivity = Insertable<ActivityTable>;
export type Gathering = Selectable<GatheringTable>;
export type NewGathering = Insertable<GatheringTable>;
export type GatheringUpdate = Updateable<GatheringTable>;
export type Invitee = Selectable<InviteeTable>;
export type NewInvitee = Insertable<InviteeTable>;
export type InviteeUpdate = Updateable<InviteeTable>;
export type InviteeCompanion = Selectable<InviteeCompanionTable>;
export type NewInviteeCompanion = Insertable<InviteeCompanionTable>;
export type PhoneCall = Selectable<PhoneCallTable>;
export type GatheringMaterial = Selectable<GatheringMaterialTable>;
export type OutboxMessage = Selectable<OutboxMessageTable>;
export type NewOutboxMessage = Insertable<OutboxMessageTable>;
export type OutboxAttachment = Selectable<OutboxAttachmentTable>;
export type ProgramItem = Selectable<ProgramItemTable>;
export type TourGroup = Selectable<TourGroupTable>;
export type SeatingTable = Selectable<SeatingTableTable>;
export type BanquetSegment = Selectable<BanquetSegmentTable>;
export type Campaign = Selectable<CampaignTable>;
export type CampaignTemplate = Selectable<CampaignTemplateTable>;
