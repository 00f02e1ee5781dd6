import { getDb } from '$lib/server/db';
import { orHttpError } from '$lib/server/http/domain-error';
import { downloadHeaders, getMaterialForStaff } from '$lib/server/materials/service';
import type { RequestHandler } from './$types';

export const GET = (async ({ params }) => {
	const file = await orHttpError(
		getMaterialForStaff(getDb(), Number(params.id), Number(params.materialId))
	);
	return new Response(file.content, { headers: downloadHeaders(file) });
}) satisfies RequestHandler;
