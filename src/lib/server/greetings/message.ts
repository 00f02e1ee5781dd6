import type { Locale } from '../db/schema';
import type { OutgoingAttachment, OutgoingMessage } from '../mail/outbox';
import type { RenderedGreeting } from './render';
import type { Sender } from './merge';

/**
 * A rendered greeting as the outbox takes it, for campaigns and recurring greetings alike: From
 * name and Reply-To of the sender, the contact's name in their language, and the one-click
 * unsubscribe headers (RFC 8058) naming the contact's own link.
 */
export function greetingMessage(input: {
	kind: string;
	dedupeKey: string | null;
	rendered: RenderedGreeting;
	sender: Sender;
	contact: { email: string; name: string; name_latin: string | null; locale: Locale };
	unsubscribeUrl: string;
	attachments?: OutgoingAttachment[];
	campaignId?: number | null;
}): OutgoingMessage {
	const { contact } = input;
	return {
		kind: input.kind,
		dedupeKey: input.dedupeKey,
		fromName: input.sender.name,
		replyTo: input.sender.email,
		to: {
			address: contact.email,
			name: contact.locale === 'en' ? (contact.name_latin ?? contact.name) : contact.name
		},
		locale: contact.locale,
		...input.rendered,
		attachments: input.attachments ?? [],
		campaignId: input.campaignId ?? null,
		headers: {
			'List-Unsubscribe': `<${input.unsubscribeUrl}>`,
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
		}
	};
}
