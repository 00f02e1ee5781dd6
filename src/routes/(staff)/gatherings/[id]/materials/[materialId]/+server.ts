import { error } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { gatheringIdParam } from '$lib/server/badges/gathering';
import { downloadHeaders, getMaterialForStaff } from '$lib/server/badges/materials';
import type { RequestHandler } from './$types';

export const GET = (async ({ params }) => {
	const materialId = Number(params.materialId);
	if (!Number.isInteger(materialId) || materialId <= 0) {
		error(404, m.error_not_found());
	}
	try {
		const file = await getMaterialForStaff(getDb(), gatheringIdParam(params.id), materialId);
		return new Response(file.content, { headers: downloadHeaders(file) });
	} catch (err) {
		if (err instanceof NotFoundError) {
			error(404, t(err.messageKey));
		}
		throw err;
	}
}) satisfies RequestHandler;
