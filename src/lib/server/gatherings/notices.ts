import { m } from '$lib/paraglide/messages';
import type { Locale } from '../db/schema';
import type { OutgoingMessage } from '../mail/outbox';
import { renderPersonalIcs, titleFor, type CalendarGathering } from '../calendar/ics';
import { esc } from '../invitations/format';
import { formatTimeRange } from '$lib/format';

// Pure renderers of the internal emails about a gathering: to our own people (the notice that
// they host it) and to an account manager (their guest wrote a message). No guest reads these.

type Rendered = Omit<OutgoingMessage, 'dedupeKey'>;

interface NoticeGathering extends CalendarGathering {
	id: number;
	time_zone: string;
}

function page(locale: Locale, paragraphs: string[], link?: { href: string; label: string }) {
	const body = paragraphs.map((p) => `<p style="white-space:pre-line">${esc(p)}</p>`).join('\n');
	const a = link
		? `<p><a href="${esc(link.href)}" style="color:#9f1239">${esc(link.label)}</a></p>`
		: '';
	const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"></head><body style="font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;color:#1c1917;line-height:1.6;padding:16px">${body}${a}</body></html>`;
	const text = [...paragraphs, ...(link ? [`${link.label}: ${link.href}`] : [])].join('\n\n');
	return { html, text };
}

/** The notice to one of our people on a gathering's list: their role, the times, the .ics. */
export function renderHostNotice(input: {
	gathering: NoticeGathering;
	inviteeId: number;
	name: string;
	/** Their title and part, e.g. "总经理" — as the list shows it. */
	roleLabel: string;
	to: { address: string; name: string | null };
	locale: Locale;
	fromName: string;
	staffUrl: string;
}): Rendered {
	const { gathering: g, locale } = input;
	const L = { locale };
	const title = titleFor(g, locale);
	const paragraphs = [
		m.guests_notice_dear({ name: input.name }, L),
		m.guests_notice_body({ title, role: input.roleLabel }, L),
		`${m.guests_notice_when({}, L)}: ${formatTimeRange(g.starts_at, g.ends_at, g.time_zone, locale)}`,
		`${m.guests_notice_where({}, L)}: ${[g.venue_name, g.venue_address].filter(Boolean).join(' · ')}`,
		m.guests_notice_absent({}, L)
	];
	return {
		kind: 'host_notice',
		fromName: input.fromName,
		replyTo: null,
		to: input.to,
		locale,
		subject: m.guests_notice_subject({ title }, L),
		...page(locale, paragraphs, { href: input.staffUrl, label: m.guests_notice_open({}, L) }),
		attachments: [
			{
				filename: 'gathering.ics',
				contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
				content: renderPersonalIcs(g, input.inviteeId, locale, input.staffUrl)
			}
		],
		gatheringId: g.id,
		inviteeId: input.inviteeId
	};
}

/** To a guest's account manager: the guest wrote a message on their RSVP page. */
export function renderGuestMessageNotice(input: {
	gathering: NoticeGathering;
	guestName: string;
	accountName: string | null;
	message: string;
	to: { address: string; name: string | null };
	locale: Locale;
	staffUrl: string;
}): Rendered {
	const { gathering: g, locale } = input;
	const L = { locale };
	const title = titleFor(g, locale);
	const who = input.accountName ? `${input.guestName}（${input.accountName}）` : input.guestName;
	return {
		kind: 'guest_message',
		fromName: 'Gala',
		replyTo: null,
		to: input.to,
		locale,
		subject: m.guests_message_mail_subject({ name: input.guestName, title }, L),
		...page(locale, [m.guests_message_mail_body({ who, title }, L), input.message], {
			href: input.staffUrl,
			label: m.guests_message_mail_open({}, L)
		}),
		attachments: [],
		gatheringId: g.id,
		inviteeId: null
	};
}
