import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { cardPng } from '$lib/server/greetings/campaign-cards';
import type { RequestHandler } from './$types';

/** The campaign's card in one language, as a PNG download. */
export const GET: RequestHandler = async ({ params }) => {
	const locale = params.locale === 'en' ? 'en' : params.locale === 'zh-CN' ? 'zh-CN' : null;
	if (!locale) {
		error(404, m.error_not_found());
	}
	try {
		const png = await cardPng(getDb(), Number(params.id), locale);
		return new Response(new Uint8Array(png), {
			headers: {
				'Content-Type': 'image/png',
				'Content-Disposition': `attachment; filename="greeting-card-${params.id}-${locale}.png"`,
				'Cache-Control': 'private, no-store'
			}
		});
	} catch (err) {
		if (err instanceof NotFoundError) {
			error(404, m.error_not_found());
		}
		throw err;
	}
};
