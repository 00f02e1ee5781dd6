import { t } from '$lib/i18n';
import type { Locale } from '../db/schema';
import type { OutgoingMessage } from '../mail/outbox';
import { descriptionFor, renderPersonalIcs, titleFor } from '../calendar/ics';
import { detailIn } from '$lib/domain/details';
import { formatTimeRange, formatZonedInstant } from '$lib/format';
import {
	closingOf,
	html,
	logoAttachments,
	salutationOf,
	text,
	type Layout,
	type MailBrand,
	type MailRecipient,
	type MailSender
} from './mail-layout';
import { calendarLinks, factBlocks, type MailGathering } from './mail-parts';

export { forgetRenderedParts } from './mail-parts';

// Pure renderers of every email a gathering sends: data in, subject/HTML/text out, no I/O.
// The shared frame is in mail-layout.ts, the per-gathering parts (cached) in mail-parts.ts.

export type { MailGathering } from './mail-parts';
export type { MailBrand, MailRecipient, MailSender } from './mail-layout';

export type InvitationKind = 'invitation' | 'reminder' | 'gathering_update';

export type RenderedMail = Omit<OutgoingMessage, 'dedupeKey'>;

function icsAttachment(g: MailGathering, r: MailRecipient, rsvpUrl: string) {
	return {
		filename: 'invitation.ics',
		contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
		content: renderPersonalIcs(g, r.inviteeId, r.locale, rsvpUrl)
	};
}

/** The time and place guests knew before a change (gathering.announced_schedule, parsed). */
export type AnnouncedSchedule = Pick<
	MailGathering,
	| 'starts_at'
	| 'ends_at'
	| 'time_zone'
	| 'venue_name'
	| 'venue_address'
	| 'venue_name_en'
	| 'venue_address_en'
>;

/** "Time: old → new" and "Place: old → new", in the reader's language, for what differs. */
export function describeChanges(
	before: AnnouncedSchedule | null,
	g: MailGathering,
	locale: Locale
): string[] {
	if (!before) {
		return [];
	}
	const l = (key: string, params = {}) => t(key, params, locale);
	const when = (x: AnnouncedSchedule) =>
		formatTimeRange(x.starts_at, x.ends_at, x.time_zone, locale);
	const where = (x: AnnouncedSchedule) =>
		[detailIn(x, 'venue_name', locale), detailIn(x, 'venue_address', locale)]
			.filter(Boolean)
			.join(' · ');
	const lines: string[] = [];
	for (const [label, show] of [
		['mail_change_when', when],
		['mail_change_where', where]
	] as const) {
		const old = show(before);
		const now = show(g);
		if (old !== now) {
			lines.push(l('mail_change_line', { label: l(label), before: old || '—', after: now || '—' }));
		}
	}
	return lines;
}

/** Invitation, reminder or "the time or place changed" email, with the guest's .ics attached. */
export function renderInvitationEmail(input: {
	kind: InvitationKind;
	gathering: MailGathering;
	recipient: MailRecipient;
	sender: MailSender;
	rsvpUrl: string;
	/** For an update: what the guests knew before, so the email says old → new. */
	before?: AnnouncedSchedule | null;
	brand?: MailBrand | null;
}): RenderedMail {
	const brand = input.brand ?? null;
	const { kind, gathering: g, recipient: r, sender, rsvpUrl } = input;
	const locale = r.locale;
	const l = (key: string, params = {}) => t(key, params, locale);
	const title = titleFor(g, locale);
	const changes =
		kind === 'gathering_update' ? describeChanges(input.before ?? null, g, locale) : [];
	// Without a record of the old schedule (changed before Gala kept one) it says so plainly.
	const intro =
		kind === 'gathering_update' && changes.length === 0
			? 'invitations_mail_gathering_update_intro_plain'
			: `invitations_mail_${kind}_intro`;
	const paragraphs = [l(intro, { title }), ...changes];
	const description = descriptionFor(g, locale);
	if (description && kind === 'invitation') {
		paragraphs.push(description);
	}
	if (g.rsvp_deadline && kind !== 'gathering_update') {
		paragraphs.push(
			l('mail_deadline', { deadline: formatZonedInstant(g.rsvp_deadline, g.time_zone, locale) })
		);
	}
	// One sentence about the attachment: an update replaces the entry, anything else adds it.
	paragraphs.push(
		l(kind === 'gathering_update' ? 'mail_calendar_updated' : 'mail_calendar_attached')
	);
	const layout: Layout = {
		locale,
		brand,
		salutation: salutationOf(r),
		paragraphs,
		blocks: factBlocks(g, locale, r.timeZone ?? null),
		button: {
			href: rsvpUrl,
			label: l(
				kind === 'gathering_update'
					? 'invitations_mail_view_button'
					: 'invitations_mail_reply_button'
			)
		},
		closing: closingOf(sender, locale, brand)
	};
	return {
		kind,
		fromName: sender.name,
		replyTo: sender.email,
		to: { address: r.email, name: r.name },
		locale,
		subject: l(`invitations_mail_${kind}_subject`, { title }),
		html: html(layout),
		text: text(layout),
		attachments: [icsAttachment(g, r, rsvpUrl), ...logoAttachments(brand)],
		gatheringId: g.id,
		inviteeId: r.inviteeId
	};
}

/** The guest's confirmation after answering; an acceptance carries their personal .ics. */
export interface ConfirmationInput {
	gathering: MailGathering;
	recipient: MailRecipient;
	sender: MailSender;
	rsvpUrl: string;
	icsUrl: string;
	accepted: boolean;
	companions: string[];
	brand?: MailBrand | null;
}

export function renderConfirmationEmail(input: ConfirmationInput): RenderedMail {
	const brand = input.brand ?? null;
	const { gathering: g, recipient: r, sender, rsvpUrl, accepted } = input;
	const locale = r.locale;
	const l = (key: string, params = {}) => t(key, params, locale);
	const title = titleFor(g, locale);
	const answer = accepted ? 'accepted' : 'declined';
	const paragraphs = [l(`invitations_mail_${answer}_intro`, { title })];
	if (accepted && input.companions.length > 0) {
		paragraphs.push(l('invitations_mail_companions', { names: input.companions.join(', ') }));
	}
	paragraphs.push(l('invitations_mail_change'));
	const calendar = calendarLinks(g, locale, input.icsUrl);
	const layout: Layout = {
		locale,
		brand,
		salutation: salutationOf(r),
		paragraphs,
		blocks: accepted ? factBlocks(g, locale, r.timeZone ?? null) : [],
		button: { href: rsvpUrl, label: l('invitations_mail_view_button') },
		links: accepted
			? [
					{ href: calendar.ics, label: l('invitations_mail_add_ics') },
					{ href: calendar.google, label: l('invitations_mail_add_google') },
					{ href: calendar.outlook, label: l('invitations_mail_add_outlook') }
				]
			: [],
		closing: closingOf(sender, locale, brand)
	};
	return {
		kind: 'rsvp_confirmation',
		fromName: sender.name,
		replyTo: sender.email,
		to: { address: r.email, name: r.name },
		locale,
		subject: l(`invitations_mail_${answer}_subject`, { title }),
		html: html(layout),
		text: text(layout),
		attachments: [...(accepted ? [icsAttachment(g, r, rsvpUrl)] : []), ...logoAttachments(brand)],
		gatheringId: g.id,
		inviteeId: r.inviteeId
	};
}
