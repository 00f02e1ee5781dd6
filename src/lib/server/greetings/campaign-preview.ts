import type { Executor } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { config } from '../config';
import { getSettings } from '../settings/service';
import { enqueueMessage } from '../mail/outbox';
import { inTransaction } from '../accounts/transaction';
import { m } from '$lib/paraglide/messages';
import { composeGreeting, prepare } from './compose';
import { recipientLine } from './ledger-repository';
import { loadAudience, mustFind } from './campaigns';

/** A greeting exactly as one recipient would get it (the unsubscribe link is a stand-in). */
export async function previewGreeting(db: Executor, campaignId: number, contactId: number) {
	const campaign = await mustFind(db, campaignId);
	const line = await recipientLine(db, contactId);
	if (!line) {
		throw new NotFoundError('contacts_error_not_found');
	}
	const p = await inTransaction(db, (trx) => prepare(trx, campaign));
	const message = composeGreeting(
		p,
		{ ...line, email: line.email ?? 'preview@invalid' },
		await getSettings(db),
		`${config.publicBaseUrl}/unsubscribe/preview`
	);
	if (!message) {
		throw new DomainError('greetings_error_no_template');
	}
	return message;
}

/**
 * Sends the greeting in each language to the signed-in user, as a recipient would get it (the
 * first recipient of that language, else made-up details), marked as a test in the subject.
 */
export async function sendTestGreeting(
	db: Executor,
	campaignId: number,
	user: { name: string; email: string }
): Promise<number> {
	const campaign = await mustFind(db, campaignId);
	const audience = await loadAudience(db, campaign, 1000);
	const settings = await getSettings(db);
	return inTransaction(db, async (trx) => {
		const p = await prepare(trx, campaign);
		let sent = 0;
		for (const locale of p.templates.keys()) {
			const sample = audience.included.find((r) => r.locale === locale);
			const line = (sample && (await recipientLine(trx, sample.id))) || {
				contact_id: 0,
				name: locale === 'en' ? 'Sample Client' : '示例客户',
				name_latin: null,
				salutation: null,
				locale,
				company: locale === 'en' ? 'Sample Co.' : '示例公司',
				company_en: null,
				owner_name: user.name,
				owner_email: user.email,
				email: user.email
			};
			const message = composeGreeting(
				p,
				{ ...line, locale, email: user.email },
				settings,
				`${config.publicBaseUrl}/unsubscribe/test`
			);
			if (message) {
				await enqueueMessage(trx, {
					...message,
					kind: 'greeting_test',
					dedupeKey: null,
					campaignId: null,
					subject: `[${m.greetings_test_tag({}, { locale })}] ${message.subject}`,
					to: { address: user.email, name: user.name }
				});
				sent++;
			}
		}
		return sent;
	});
}
