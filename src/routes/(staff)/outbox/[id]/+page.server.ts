import { error, redirect } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { setFlash } from '$lib/server/flash';
import { failFromDomain } from '$lib/server/forms';
import { loadOutboxMessage, retryMessage } from '$lib/server/mail/service';
import type { Actions, PageServerLoad } from './$types';

function messageId(raw: string): number {
	const id = Number(raw);
	if (!Number.isInteger(id) || id <= 0) {
		error(404, m.outbox_error_not_found());
	}
	return id;
}

export const load = (async ({ params }) => {
	try {
		return await loadOutboxMessage(getDb(), messageId(params.id));
	} catch (err) {
		if (err instanceof DomainError) {
			error(err.status, t(err.messageKey));
		}
		throw err;
	}
}) satisfies PageServerLoad;

export const actions = {
	retry: async ({ params, cookies }) => {
		const id = messageId(params.id);
		try {
			await retryMessage(getDb(), id);
		} catch (err) {
			return failFromDomain(err);
		}
		setFlash(cookies, { type: 'success', message: m.outbox_retried() });
		redirect(303, `/outbox/${id}`);
	}
} satisfies Actions;
