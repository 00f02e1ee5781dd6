import { m } from '$lib/paraglide/messages';
import type { Locale } from '../db/schema';
import type { OutgoingMessage } from '../mail/outbox';
import {
	addToCalendarLinks,
	descriptionFor,
	renderPersonalIcs,
	titleFor,
	type CalendarGathering
} from '../calendar/ics';
import { GUEST_DETAILS, detailIn } from '$lib/domain/details';
import { formatLocalTimeRange, formatTimeRange, formatZonedInstant } from '$lib/format';
import { esc, mapLink } from './format';

// Pure renderers of every email a gathering sends: data in, subject/HTML/text out, no I/O.

export interface MailGathering extends CalendarGathering {
	id: number;
	time_zone: string;
	rsvp_deadline: string | null;
}

export interface MailRecipient {
	inviteeId: number;
	name: string;
	salutation: string | null;
	email: string;
	locale: Locale;
	/** The guest's own zone (directory); when its clock differs, emails add the local time. */
	timeZone?: string | null;
}

/** The account manager the message goes out in the name of. */
export interface MailSender {
	name: string;
	email: string | null;
	/** Their title and phone for the signature (from their entry among our people). */
	title?: string | null;
	titleEn?: string | null;
	phone?: string | null;
}

/** The company every email comes from: name, postal address, phone and logo. */
export interface MailBrand {
	nameZh: string;
	nameEn: string;
	address: string;
	phone: string;
	logo: { content: Buffer; contentType: string } | null;
}

/** The logo's Content-ID: the HTML shows it as <img src="cid:…">, never a remote image. */
export const LOGO_CID = 'company-logo@gala';

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

interface Block {
	label: string;
	value: string;
	href?: string | null;
	hrefLabel?: string;
}

function buildFactBlocks(g: MailGathering, locale: Locale, guestZone: string | null): Block[] {
	const venue = detailIn(g, 'venue_name', locale);
	const address = detailIn(g, 'venue_address', locale);
	const blocks: Block[] = [
		{
			label: m.mail_when({}, { locale }),
			value: formatTimeRange(g.starts_at, g.ends_at, g.time_zone, locale)
		}
	];
	const local = formatLocalTimeRange(g.starts_at, g.ends_at, g.time_zone, guestZone, locale);
	if (local) {
		blocks.push({ label: m.mail_your_time({}, { locale }), value: local });
	}
	blocks.push({
		label: m.mail_where({}, { locale }),
		value: [venue, address].filter(Boolean).join(' · '),
		// The map searches the address as staff typed it (Chinese finds the place in China).
		href: mapLink(g.map_url, g.venue_address || g.venue_name || address || venue, locale),
		hrefLabel: m.mail_map({}, { locale })
	});
	const dress = detailIn(g, 'dress_code', locale);
	if (dress) {
		blocks.push({ label: m.mail_dress_code({}, { locale }), value: dress });
	}
	const bring = detailIn(g, 'bring_notes', locale);
	if (bring) {
		blocks.push({ label: m.mail_bring({}, { locale }), value: bring });
	}
	const host = detailIn(g, 'host_name', locale);
	if (host) {
		blocks.push({
			label: m.mail_host({}, { locale }),
			value: [host, g.host_phone, g.host_email].filter(Boolean).join(' · ')
		});
	}
	return blocks;
}

// The parts of an email that depend only on the gathering and the language (formatted dates,
// venue, links) are the same for every guest: an RSVP answer under load reuses them instead of
// formatting them anew. Keyed by every field they are made of, so an edit shows at once.
const MEMO_SIZE = 200;
const blocksMemo = new Map<string, Block[]>();
const linksMemo = new Map<string, { google: string; outlook: string }>();
const rowsMemo = new WeakMap<Block[], string>();

function memo<T>(cache: Map<string, T>, key: string, make: () => T): T {
	let value = cache.get(key);
	if (value === undefined) {
		value = make();
		if (cache.size >= MEMO_SIZE) {
			cache.clear();
		}
		cache.set(key, value);
	}
	return value;
}

function factBlocks(g: MailGathering, locale: Locale, guestZone: string | null = null): Block[] {
	const key = [
		locale,
		guestZone ?? '',
		g.starts_at,
		g.ends_at,
		g.time_zone,
		g.venue_name,
		g.venue_address,
		g.map_url,
		g.dress_code,
		g.bring_notes,
		g.host_name,
		g.host_phone,
		g.host_email,
		...GUEST_DETAILS.map((f) => g[`${f}_en`] ?? '')
	].join('\u0000');
	return memo(blocksMemo, key, () => buildFactBlocks(g, locale, guestZone));
}

/** Google and Outlook "add to calendar" links (the .ics link is the guest's own). */
function calendarLinks(g: MailGathering, locale: Locale, icsUrl: string) {
	const key = [
		locale,
		g.title_zh,
		g.title_en,
		g.description_zh,
		g.description_en,
		g.venue_name,
		g.venue_address,
		g.venue_name_en ?? '',
		g.venue_address_en ?? '',
		g.dress_code_en ?? '',
		g.bring_notes_en ?? '',
		g.host_name_en ?? '',
		g.dress_code ?? '',
		g.bring_notes ?? '',
		g.host_name ?? '',
		g.host_phone ?? '',
		g.host_email ?? '',
		g.map_url ?? '',
		g.starts_at,
		g.ends_at
	].join('\u0000');
	const links = memo(linksMemo, key, () => addToCalendarLinks(g, locale, ''));
	return { ics: icsUrl, google: links.google, outlook: links.outlook };
}

interface Layout {
	locale: Locale;
	brand: MailBrand | null;
	salutation: string;
	paragraphs: string[];
	blocks: Block[];
	button: { href: string; label: string } | null;
	links?: { href: string; label: string }[];
	closing: string[];
}

function blockRows(blocks: Block[]): string {
	return blocks
		.map(
			(b) =>
				`<tr><td style="padding:4px 12px 4px 0;color:#78716c;vertical-align:top;white-space:nowrap">${esc(b.label)}</td><td style="padding:4px 0">${esc(b.value)}${
					b.href
						? ` <a href="${esc(b.href)}" style="color:#9f1239">${esc(b.hrefLabel ?? b.href)}</a>`
						: ''
				}</td></tr>`
		)
		.join('');
}

function html(layout: Layout): string {
	const lang = layout.locale === 'en' ? 'en' : 'zh-CN';
	let rows = rowsMemo.get(layout.blocks);
	if (rows === undefined) {
		rows = blockRows(layout.blocks);
		rowsMemo.set(layout.blocks, rows);
	}
	const button = layout.button
		? `<p style="margin:24px 0"><a href="${esc(layout.button.href)}" style="display:inline-block;background:#9f1239;color:#fff;padding:12px 20px;border-radius:8px;text-decoration:none;font-weight:600">${esc(layout.button.label)}</a></p><p style="font-size:12px;color:#78716c">${esc(m.mail_link_fallback({}, { locale: layout.locale }))}<br><a href="${esc(layout.button.href)}" style="color:#78716c">${esc(layout.button.href)}</a></p>`
		: '';
	const links = (layout.links ?? [])
		.map(
			(l) => `<a href="${esc(l.href)}" style="color:#9f1239;margin-right:12px">${esc(l.label)}</a>`
		)
		.join('');
	const company = companyName(layout.brand, layout.locale);
	const header =
		company || layout.brand?.logo
			? `<div style="display:flex;align-items:center;gap:12px;border-bottom:1px solid #e7e5e4;padding-bottom:12px;margin-bottom:16px">${
					layout.brand?.logo
						? `<img src="cid:${LOGO_CID}" alt="${esc(company)}" style="height:40px;max-width:160px">`
						: ''
				}<strong style="font-size:16px">${esc(company)}</strong></div>`
			: '';
	return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head><body style="margin:0;padding:16px;background:#fafaf9;font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;color:#1c1917;line-height:1.6"><div style="max-width:560px;margin:0 auto;background:#fff;border-radius:12px;padding:24px">
${header}
<p>${esc(layout.salutation)}</p>
${layout.paragraphs.map((p) => `<p style="white-space:pre-line">${esc(p)}</p>`).join('\n')}
<table style="border-collapse:collapse;margin:16px 0">${rows}</table>
${button}
${links ? `<p>${links}</p>` : ''}
${layout.closing.map((p) => `<p style="white-space:pre-line">${esc(p)}</p>`).join('\n')}
</div></body></html>`;
}

function text(layout: Layout): string {
	const company = companyName(layout.brand, layout.locale);
	const lines = [
		...(company ? [company, ''] : []),
		layout.salutation,
		'',
		...layout.paragraphs.flatMap((p) => [p, ''])
	];
	for (const b of layout.blocks) {
		lines.push(`${b.label}: ${b.value}${b.href ? ` (${b.href})` : ''}`);
	}
	lines.push('');
	if (layout.button) {
		lines.push(`${layout.button.label}: ${layout.button.href}`, '');
	}
	for (const l of layout.links ?? []) {
		lines.push(`${l.label}: ${l.href}`);
	}
	if (layout.links?.length) {
		lines.push('');
	}
	lines.push(...layout.closing);
	return lines.join('\n');
}

function salutationOf(r: MailRecipient): string {
	return m.mail_dear({ name: r.salutation?.trim() || r.name }, { locale: r.locale });
}

function companyName(brand: MailBrand | null, locale: Locale): string {
	if (!brand) {
		return '';
	}
	return locale === 'en' ? brand.nameEn || brand.nameZh : brand.nameZh || brand.nameEn;
}

/**
 * "此致 敬礼" and the signature: the manager's name, title and phone, then the company with its
 * postal address and phone, each line only when known.
 */
function closingOf(sender: MailSender, locale: Locale, brand: MailBrand | null = null): string[] {
	const title = locale === 'en' ? sender.titleEn || sender.title : sender.title;
	const company = companyName(brand, locale);
	const lines = [
		m.mail_regards({}, { locale }),
		[sender.name, title].filter(Boolean).join(locale === 'en' ? ', ' : ' · ')
	];
	if (sender.phone) {
		lines.push(m.mail_signature_phone({ phone: sender.phone }, { locale }));
	}
	if (company && company !== sender.name) {
		lines.push(company);
	}
	if (brand?.address) {
		lines.push(brand.address);
	}
	if (brand?.phone) {
		lines.push(m.mail_signature_company_phone({ phone: brand.phone }, { locale }));
	}
	return lines;
}

/** The logo as an inline part of the message (cid:), when the company has one. */
function logoAttachments(brand: MailBrand | null) {
	if (!brand?.logo) {
		return [];
	}
	const ext = brand.logo.contentType.split('/')[1] ?? 'png';
	return [
		{
			filename: `logo.${ext === 'jpeg' ? 'jpg' : ext}`,
			contentType: brand.logo.contentType,
			content: brand.logo.content,
			contentId: LOGO_CID
		}
	];
}

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
