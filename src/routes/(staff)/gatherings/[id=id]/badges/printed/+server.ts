import { json } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { markBadgesPrinted, markPrintedSchema } from '$lib/server/badges/service';
import type { RequestHandler } from './$types';

/**
 * Marks a finished PDF run as printed. JSON only: browsers cannot send it cross-site without a
 * preflight, so it needs no form token (hooks already require an organizer for any POST).
 */
export const POST = (async ({ params, request, locals }) => {
	const gatheringId = Number(params.id);
	if (!request.headers.get('content-type')?.startsWith('application/json')) {
		return json({ message: m.error_form() }, { status: 415 });
	}
	const parsed = markPrintedSchema.safeParse(await request.json().catch(() => null));
	if (!parsed.success) {
		return json({ message: m.error_form() }, { status: 400 });
	}
	const { as_of, ...selection } = parsed.data;
	try {
		const count = await markBadgesPrinted(
			getDb(),
			gatheringId,
			selection,
			as_of,
			locals.user?.id ?? null
		);
		return json({ count, message: m.badges_marked({ count }) });
	} catch (err) {
		if (err instanceof DomainError) {
			return json({ message: t(err.messageKey, err.params) }, { status: err.status });
		}
		throw err;
	}
}) satisfies RequestHandler;
