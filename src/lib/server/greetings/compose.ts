import type { Executor } from '../db';
import type { Campaign, Locale } from '../db/schema';
import type { OutgoingAttachment, OutgoingMessage } from '../mail/outbox';
import { greetingRenderer, CARD_CID } from './render';
import { mergeValuesFor, occasionNames, type Sender } from './merge';
import { greetingMessage } from './message';
import * as repo from './ledger-repository';

/** What every greeting of a campaign shares, read once per batch: templates, card, sender. */
export interface Prepared {
	campaign: Campaign;
	/** Per language: the template compiled once, and the card's shared blob. */
	templates: Map<Locale, { render: ReturnType<typeof greetingRenderer>; blobId: number | null }>;
	occasion: { 'zh-CN': string; en: string };
	sender: Sender | null;
}

export async function prepare(trx: Executor, campaign: Campaign): Promise<Prepared> {
	const templates: Prepared['templates'] = new Map();
	for (const row of await repo.templatesWithCards(trx, campaign.id)) {
		templates.set(row.locale, {
			render: greetingRenderer({
				locale: row.locale,
				subject: row.subject,
				body: row.body,
				card: row.card_png ? { alt: row.card_text ?? campaign.name } : null
			}),
			blobId: row.card_png ? await repo.storeBlob(trx, row.card_png) : null
		});
	}
	const sender =
		campaign.sender_mode === 'person' && campaign.sender_user_id
			? await repo.findSender(trx, campaign.sender_user_id)
			: null;
	return { campaign, templates, occasion: await occasionNames(trx, campaign), sender };
}

export type GreetingLine = Awaited<ReturnType<typeof repo.dueLines>>[number];

/** One recipient's greeting as the outbox takes it (without its dedupe key). */
export function composeGreeting(
	p: Prepared,
	line: Omit<GreetingLine, 'id' | 'sender_domain' | 'greeting_opt_out' | 'campaign_id'>,
	settings: { company_name: string; company_name_en: string },
	unsubscribeUrl: string
): Omit<OutgoingMessage, 'dedupeKey'> | null {
	const template =
		p.templates.get(line.locale) ?? p.templates.get('zh-CN') ?? p.templates.get('en');
	if (!template || !line.email) {
		return null;
	}
	const sender: Sender = p.sender ??
		(line.owner_name ? { name: line.owner_name, email: line.owner_email } : null) ?? {
			name:
				line.locale === 'en'
					? settings.company_name_en || settings.company_name
					: settings.company_name,
			email: null
		};
	const rendered = template.render(
		mergeValuesFor(line, line.locale, sender, p.occasion, p.campaign.occasion_date),
		unsubscribeUrl
	);
	const card: OutgoingAttachment = {
		filename: 'card.png',
		contentType: 'image/png',
		content: '',
		contentId: CARD_CID,
		blobId: template.blobId ?? undefined
	};
	const { dedupeKey: _none, ...message } = greetingMessage({
		kind: 'greeting',
		dedupeKey: null,
		rendered,
		sender,
		contact: { ...line, email: line.email },
		unsubscribeUrl,
		attachments: template.blobId !== null ? [card] : [],
		campaignId: p.campaign.id
	});
	return message;
}
