/**
 * Names of the greetings enums (src/lib/domain/greetings.ts) in the user's language, one typed
 * map per enum: a kind added to an enum without its message is a compile error, not a raw key
 * shown to staff. Each entry is the Paraglide message itself, so `festivalLabel.qixi()` or
 * `festivalLabel.qixi({}, { locale: 'en' })` both work.
 */
import { m } from '$lib/paraglide/messages';
import type { LabelFn } from '$lib/i18n';
import type { CampaignStatus, Festival, LedgerState, PersonalKind, SkipReason } from './greetings';

export const festivalLabel: Record<Festival, LabelFn> = {
	new_years_eve: m.greetings_festival_new_years_eve,
	spring_festival: m.greetings_festival_spring_festival,
	lantern: m.greetings_festival_lantern,
	dragon_boat: m.greetings_festival_dragon_boat,
	qixi: m.greetings_festival_qixi,
	mid_autumn: m.greetings_festival_mid_autumn,
	double_ninth: m.greetings_festival_double_ninth,
	new_year: m.greetings_festival_new_year,
	national_day: m.greetings_festival_national_day,
	christmas: m.greetings_festival_christmas
};

export const personalKindLabel: Record<PersonalKind, LabelFn> = {
	birthday: m.greetings_kind_birthday,
	lunar_birthday: m.greetings_kind_lunar_birthday,
	contact_date: m.greetings_kind_contact_date,
	account_anniversary: m.greetings_kind_account_anniversary
};

export const campaignStatusLabel: Record<CampaignStatus, LabelFn> = {
	draft: m.greetings_status_draft,
	sending: m.greetings_status_sending,
	paused: m.greetings_status_paused,
	cancelled: m.greetings_status_cancelled,
	done: m.greetings_status_done
};

export const ledgerStateLabel: Record<LedgerState, LabelFn> = {
	pending: m.greetings_state_pending,
	queued: m.greetings_state_queued,
	sent: m.greetings_state_sent,
	failed: m.greetings_state_failed,
	skipped: m.greetings_state_skipped,
	unsubscribed: m.greetings_state_unsubscribed
};

export const skipReasonLabel: Record<SkipReason, LabelFn> = {
	no_email: m.greetings_reason_no_email,
	unsubscribed: m.greetings_reason_unsubscribed,
	bounced: m.greetings_reason_bounced,
	removed: m.greetings_reason_removed,
	cancelled: m.greetings_reason_cancelled
};
