import { m } from '$lib/paraglide/messages';
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

/** A mail's subject and opening line, both naming the gathering's title. */
type TitledText = (inputs: { title: string }, options?: { locale?: Locale }) => string;
interface MailTexts {
	subject: TitledText;
	intro: TitledText;
}

/** Each kind's texts: a kind added to InvitationKind without its messages fails the build. */
const invitationMail: Record<InvitationKind, MailTexts> = {
	invitation: {
		subject: m.invitations_mail_invitation_subject,
		intro: m.invitations_mail_invitation_intro
	},
	reminder: {
		subject: m.invitations_mail_reminder_subject,
		intro: m.invitations_mail_reminder_intro
	},
	gathering_update: {
		subject: m.invitations_mail_gathering_update_subject,
		intro: m.invitations_mail_gathering_update_intro
	}
};

const answerMail: Record<'accepted' | 'declined', MailTexts> = {
	accepted: {
		subject: m.invitations_mail_accepted_subject,
		intro: m.invitations_mail_accepted_intro
	},
	declined: {
		subject: m.invitations_mail_declined_subject,
		intro: m.invitations_mail_declined_intro
	}
};

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
	const when = (x: AnnouncedSchedule) =>
		formatTimeRange(x.starts_at, x.ends_at, x.time_zone, locale);
	const where = (x: AnnouncedSchedule) =>
		[detailIn(x, 'venue_name', locale), detailIn(x, 'venue_address', locale)]
			.filter(Boolean)
			.join(' · ');
	const lines: string[] = [];
	for (const [label, show] of [
		[m.mail_change_when, when],
		[m.mail_change_where, where]
	] as const) {
		const old = show(before);
		const now = show(g);
		if (old !== now) {
			lines.push(
				m.mail_change_line(
					{ label: label({}, { locale }), before: old || '—', after: now || '—' },
					{ locale }
				)
			);
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
	const title = titleFor(g, locale);
	const changes =
		kind === 'gathering_update' ? describeChanges(input.before ?? null, g, locale) : [];
	// Without a record of the old schedule (changed before Gala kept one) it says so plainly.
	const intro =
		kind === 'gathering_update' && changes.length === 0
			? m.invitations_mail_gathering_update_intro_plain
			: invitationMail[kind].intro;
	const paragraphs = [intro({ title }, { locale }), ...changes];
	const description = descriptionFor(g, locale);
	if (description && kind === 'invitation') {
		paragraphs.push(description);
	}
	if (g.rsvp_deadline && kind !== 'gathering_update') {
		paragraphs.push(
			m.mail_deadline(
				{ deadline: formatZonedInstant(g.rsvp_deadline, g.time_zone, locale) },
				{ locale }
			)
		);
	}
	// One sentence about the attachment: an update replaces the entry, anything else adds it.
	paragraphs.push(
		kind === 'gathering_update'
			? m.mail_calendar_updated({}, { locale })
			: m.mail_calendar_attached({}, { locale })
	);
	const layout: Layout = {
		locale,
		brand,
		salutation: salutationOf(r),
		paragraphs,
		blocks: factBlocks(g, locale, r.timeZone ?? null),
		button: {
			href: rsvpUrl,
			label:
				kind === 'gathering_update'
					? m.invitations_mail_view_button({}, { locale })
					: m.invitations_mail_reply_button({}, { locale })
		},
		closing: closingOf(sender, locale, brand)
	};
	return {
		kind,
		fromName: sender.name,
		replyTo: sender.email,
		to: { address: r.email, name: r.name },
		locale,
		subject: invitationMail[kind].subject({ title }, { locale }),
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
	const title = titleFor(g, locale);
	const answer = accepted ? answerMail.accepted : answerMail.declined;
	const paragraphs = [answer.intro({ title }, { locale })];
	if (accepted && input.companions.length > 0) {
		paragraphs.push(
			m.invitations_mail_companions({ names: input.companions.join(', ') }, { locale })
		);
	}
	paragraphs.push(m.invitations_mail_change({}, { locale }));
	const calendar = calendarLinks(g, locale, input.icsUrl);
	const layout: Layout = {
		locale,
		brand,
		salutation: salutationOf(r),
		paragraphs,
		blocks: accepted ? factBlocks(g, locale, r.timeZone ?? null) : [],
		button: { href: rsvpUrl, label: m.invitations_mail_view_button({}, { locale }) },
		links: accepted
			? [
					{ href: calendar.ics, label: m.invitations_mail_add_ics({}, { locale }) },
					{ href: calendar.google, label: m.invitations_mail_add_google({}, { locale }) },
					{ href: calendar.outlook, label: m.invitations_mail_add_outlook({}, { locale }) }
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
		subject: answer.subject({ title }, { locale }),
		html: html(layout),
		text: text(layout),
		attachments: [...(accepted ? [icsAttachment(g, r, rsvpUrl)] : []), ...logoAttachments(brand)],
		gatheringId: g.id,
		inviteeId: r.inviteeId
	};
}
