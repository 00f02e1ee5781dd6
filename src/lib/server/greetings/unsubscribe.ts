import type { Executor } from '../db';
import type { Locale } from '../db/schema';
import { hashToken } from '../auth/tokens';
import { NotFoundError } from '../errors';
import { recordActivity } from '../activity/repository';
import { inTransaction } from '../accounts/transaction';
import * as repo from './unsubscribe-repository';

/** The contact a greeting's unsubscribe link belongs to; nothing else is reachable from it. */
async function contactForToken(db: Executor, token: string) {
	if (!/^[a-z2-7]{32}$/.test(token)) {
		return undefined;
	}
	return repo.findContactByTokenHash(db, hashToken(token));
}

export async function openUnsubscribe(
	db: Executor,
	token: string
): Promise<{ name: string; locale: Locale; unsubscribed: boolean }> {
	const contact = await contactForToken(db, token);
	if (!contact) {
		throw new NotFoundError('greetings_error_link');
	}
	return {
		name: contact.salutation || contact.name,
		locale: contact.locale,
		unsubscribed: contact.greeting_opt_out === 1
	};
}

/**
 * Stops greetings to the link's contact (RFC 8058 one-click, or the page's button). Only their
 * greeting preference changes: invitations to gatherings still reach them. Idempotent.
 */
export async function unsubscribeGreetings(db: Executor, token: string): Promise<void> {
	await inTransaction(db, async (trx) => {
		const contact = await contactForToken(trx, token);
		if (!contact) {
			throw new NotFoundError('greetings_error_link');
		}
		if (contact.greeting_opt_out) {
			return;
		}
		await repo.setGreetingOptOut(trx, contact.id);
		await recordActivity(trx, {
			user_id: null,
			action: 'contact.greetings_unsubscribed',
			subject_type: 'contact',
			subject_id: contact.id,
			account_id: contact.account_id
		});
	});
}
