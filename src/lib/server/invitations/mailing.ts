import { detailIn } from '$lib/domain/details';
import type { Executor } from '../db';
import type { Gathering, Locale } from '../db/schema';
import { config } from '../config';
import { generateToken, hashToken } from '../auth/tokens';
import { getSettings } from '../settings/service';
import type { InviteeRow } from './repository';
import type { MailRecipient, MailSender } from './render';

// Small helpers shared by the invitation and RSVP services: who sends, who receives, which link.

export function rsvpUrl(token: string): string {
	return `${config.publicBaseUrl}/rsvp/${token}`;
}

export function personalIcsUrl(token: string): string {
	return `${rsvpUrl(token)}/calendar.ics`;
}

/** A fresh RSVP token: 160 random bits; only its hash is stored. */
export function mintToken(): { token: string; hash: string } {
	const token = generateToken();
	return { token, hash: hashToken(token) };
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
