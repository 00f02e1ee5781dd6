import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { downloadHeaders, getMaterialForGuest } from '$lib/server/badges/materials';
import type { RequestHandler } from './$types';

/**
 * A guest's download from their RSVP page. Any refusal is a plain 404, so the link reveals
 * nothing about other gatherings, tokens or answers.
 */
export const GET = (async ({ params }) => {
	const materialId = Number(params.materialId);
	if (!Number.isInteger(materialId) || materialId <= 0 || params.token.length > 100) {
		error(404, 'Not found');
	}
	try {
		const file = await getMaterialForGuest(getDb(), params.token, materialId);
		return new Response(file.content, { headers: downloadHeaders(file) });
	} catch (err) {
		if (err instanceof NotFoundError) {
			error(404, 'Not found');
		}
		throw err;
	}
}) satisfies RequestHandler;
