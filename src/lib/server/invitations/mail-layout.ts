import { m } from '$lib/paraglide/messages';
import type { Locale } from '../db/schema';
import { esc } from './format';

// The frame every gathering email shares: salutation, paragraphs, a table of facts, a button,
// links and the signature, as HTML and as plain text. Pure: data in, strings out.

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

export interface Block {
	label: string;
	value: string;
	href?: string | null;
	hrefLabel?: string;
}

export interface Layout {
	locale: Locale;
	brand: MailBrand | null;
	salutation: string;
	paragraphs: string[];
	blocks: Block[];
	button: { href: string; label: string } | null;
	links?: { href: string; label: string }[];
	closing: string[];
}

// The rows of a fact table, made once per (cached) list of facts: see mail-parts.ts.
const rowsMemo = new WeakMap<Block[], string>();

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

export function html(layout: Layout): string {
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

export function text(layout: Layout): string {
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

export function salutationOf(r: MailRecipient): string {
	return m.mail_dear({ name: r.salutation?.trim() || r.name }, { locale: r.locale });
}

export function companyName(brand: MailBrand | null, locale: Locale): string {
	if (!brand) {
		return '';
	}
	return locale === 'en' ? brand.nameEn || brand.nameZh : brand.nameZh || brand.nameEn;
}

/**
 * "此致 敬礼" and the signature: the manager's name, title and phone, then the company with its
 * postal address and phone, each line only when known.
 */
export function closingOf(
	sender: MailSender,
	locale: Locale,
	brand: MailBrand | null = null
): string[] {
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
export function logoAttachments(brand: MailBrand | null) {
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
