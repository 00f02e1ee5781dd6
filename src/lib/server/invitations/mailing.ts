import { detailIn } from '$lib/domain/details';
import type { Executor } from '../db';
import type { Gathering, Locale } from '../db/schema';
import { config } from '../config';
import { mintLink, placeholderFor } from '../rsvp/links';
import { getSettings } from '../settings/service';
import { insertToken, latestLinkNonce, type InviteeRow } from './repository';
import type { MailRecipient, MailSender } from './mail-layout';

// Small helpers shared by the invitation and RSVP services: who sends, who receives, which link.

export function rsvpUrl(token: string): string {
	return `${config.publicBaseUrl}/rsvp/${token}`;
}

export function personalIcsUrl(token: string): string {
	return `${rsvpUrl(token)}/calendar.ics`;
}

/**
 * The link an email carries, as stored: the placeholder the mail worker swaps for the real token
 * as it sends (rsvp/links.ts). A live link of the invitee is reused, else a new one is minted.
 */
export async function linkForEmail(db: Executor, inviteeId: number, now: string): Promise<string> {
	const nonce = await latestLinkNonce(db, inviteeId);
	if (nonce) {
		return placeholderFor(nonce);
	}
	const link = mintLink();
	await insertToken(db, link, inviteeId, now);
	return link.placeholder;
}

export function recipientOf(row: {
	id: number;
	name: string | null;
	salutation: string | null;
	email: string | null;
	locale: Locale;
	time_zone?: string | null;
}): MailRecipient | null {
	if (!row.email || !row.name) {
		return null;
	}
	return {
		inviteeId: row.id,
		name: row.name,
		salutation: row.salutation,
		email: row.email,
		locale: row.locale === 'en' ? 'en' : 'zh-CN',
		timeZone: row.time_zone ?? null
	};
}

export interface SenderFallback {
	zh: string;
	en: string;
	email: string | null;
}

/**
 * Mail goes out in the name of the account's manager; people without one (our own staff,
 * accounts nobody owns) get it from the gathering's host, or else from the company.
 */
export async function senderFallback(db: Executor, g: Gathering): Promise<SenderFallback> {
	if (g.host_name) {
		return { zh: g.host_name, en: detailIn(g, 'host_name', 'en'), email: g.host_email };
	}
	const settings = await getSettings(db);
	return {
		zh: settings.company_name || settings.company_name_en,
		en: settings.company_name_en || settings.company_name,
		email: g.host_email
	};
}

export function senderOf(
	row: Pick<InviteeRow, 'owner_name' | 'owner_email'> &
		Partial<Pick<InviteeRow, 'owner_title' | 'owner_title_en' | 'owner_phone'>>,
	fallback: SenderFallback,
	locale: Locale
): MailSender {
	if (row.owner_name) {
		return {
			name: row.owner_name,
			email: row.owner_email,
			title: row.owner_title ?? null,
			titleEn: row.owner_title_en ?? null,
			phone: row.owner_phone ?? null
		};
	}
	return { name: locale === 'en' ? fallback.en : fallback.zh, email: fallback.email };
}
