import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { orHttpError } from '$lib/server/http/domain-error';
import { setFlash } from '$lib/server/flash';
import { failFromDomain } from '$lib/server/forms';
import { loadOutboxMessage, retryMessage } from '$lib/server/mail/service';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	return orHttpError(loadOutboxMessage(getDb(), Number(params.id)));
}) satisfies PageServerLoad;

export const actions = {
	retry: async ({ params, cookies }) => {
		const id = Number(params.id);
		try {
			await retryMessage(getDb(), id);
		} catch (err) {
			return failFromDomain(err);
		}
		setFlash(cookies, { type: 'success', message: m.outbox_retried() });
		redirect(303, `/outbox/${id}`);
	}
} satisfies Actions;
