import type { Locale } from '../db/schema';
import { m } from '$lib/paraglide/messages';
import { fill, type MergeValues } from './template';

export const CARD_CID = 'card@gala';

export interface GreetingInput {
	locale: Locale;
	subject: string;
	body: string;
	values: MergeValues;
	/** Shown inline as cid:card@gala when the campaign has a card in this language. */
	card: { alt: string } | null;
	unsubscribeUrl: string;
}

const escapeHtml = (s: string) =>
	s.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

export interface RenderedGreeting {
	subject: string;
	html: string;
	text: string;
}

/**
 * A greeting email from its template: subject and body with the merge fields filled, an HTML part
 * (paragraphs, the card inline, the unsubscribe link) and a plain-text part with the same words.
 * Pure: no I/O.
 */
export function renderGreeting(input: GreetingInput): RenderedGreeting {
	return greetingRenderer(input)(input.values, input.unsubscribeUrl);
}

/**
 * The same, compiled once per template and language: the page around the greeting, the card and
 * the footer are made here, so a campaign of thousands fills only the merge fields per recipient.
 */
export function greetingRenderer(
	input: Pick<GreetingInput, 'locale' | 'subject' | 'body' | 'card'>
): (values: MergeValues, unsubscribeUrl: string) => RenderedGreeting {
	const locale = input.locale;
	const footer = m.greetings_mail_unsubscribe_note({}, { locale });
	const linkText = m.greetings_mail_unsubscribe({}, { locale });
	const card = input.card
		? `<img src="cid:${CARD_CID}" alt="${escapeHtml(input.card.alt)}" width="552" style="display:block;width:100%;max-width:552px;height:auto;border-radius:8px;margin:0 0 20px">\n`
		: '';
	const head = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>`;
	const top = `</title></head>
<body style="margin:0;padding:24px;background:#faf7f2;font-family:'PingFang SC','Microsoft YaHei','Noto Sans SC',Arial,sans-serif;color:#292524">
<div style="max-width:600px;margin:0 auto;background:#ffffff;border-radius:12px;padding:24px">
${card}`;
	const bottom = `
</div>
<p style="max-width:600px;margin:16px auto 0;font-size:12px;color:#78716c">${escapeHtml(footer)} <a href="`;
	const end = `" style="color:#78716c">${escapeHtml(linkText)}</a></p>
</body></html>`;
	const bodyTemplate = input.body.replace(/\r\n/g, '\n');
	return (values, unsubscribeUrl) => {
		const subject = fill(input.subject, values).replace(/\s+/g, ' ').trim();
		const body = fill(bodyTemplate, values).replace(/\r\n/g, '\n').trim();
		const paragraphs = body
			.split(/\n{2,}/)
			.map(
				(p) =>
					`<p style="font-size:16px;line-height:1.7;margin:0 0 14px">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`
			)
			.join('\n');
		const html = `${head}${escapeHtml(subject)}${top}${paragraphs}${bottom}${escapeHtml(unsubscribeUrl)}${end}`;
		const text = `${body}\n\n-- \n${footer} ${linkText}: ${unsubscribeUrl}\n`;
		return { subject, html, text };
	};
}
