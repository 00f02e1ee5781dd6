import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { openUnsubscribe, unsubscribeGreetings } from '$lib/server/greetings/unsubscribe';
import type { Actions, PageServerLoad } from './$types';

function notFound(err: unknown): never {
	if (err instanceof NotFoundError) {
		error(404, m.error_not_found());
	}
	throw err;
}

export const load = (async ({ params, setHeaders }) => {
	setHeaders({ 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex' });
	try {
		return await openUnsubscribe(getDb(), params.token);
	} catch (err) {
		notFound(err);
	}
}) satisfies PageServerLoad;

export const actions = {
	// The page's button, and RFC 8058 one-click: a mail client POSTs List-Unsubscribe=One-Click here.
	default: async ({ params }) => {
		try {
			await unsubscribeGreetings(getDb(), params.token);
		} catch (err) {
			notFound(err);
		}
		return { done: true };
	}
} satisfies Actions;
