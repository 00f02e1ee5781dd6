import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { failFromDomain, parseForm } from '$lib/server/forms';
import {
	addMaterial,
	listGatheringMaterials,
	MAX_MATERIAL_BYTES,
	removeMaterial
} from '$lib/server/materials/service';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ parent }) => {
	const db = getDb();
	const { gathering } = await parent();
	return {
		gathering: { id: gathering.id, title_zh: gathering.title_zh, title_en: gathering.title_en },
		materials: await listGatheringMaterials(db, gathering.id),
		maxBytes: MAX_MATERIAL_BYTES
	};
}) satisfies PageServerLoad;

export const actions = {
	upload: async ({ params, request, locals }) => {
		const gatheringId = Number(params.id);
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) {
			return fail(400, { message: m.materials_error_empty() });
		}
		if (file.size > MAX_MATERIAL_BYTES) {
			return fail(400, {
				message: m.materials_error_too_large({ max: MAX_MATERIAL_BYTES / 1024 / 1024 })
			});
		}
		try {
			await addMaterial(
				getDb(),
				gatheringId,
				{
					name: file.name,
					type: file.type,
					size: file.size,
					bytes: new Uint8Array(await file.arrayBuffer())
				},
				locals.user?.id ?? null
			);
		} catch (err) {
			return failFromDomain(err);
		}
		return { done: m.materials_uploaded({ name: file.name }) };
	},
	delete: async ({ params, request, locals }) => {
		const gatheringId = Number(params.id);
		const parsed = parseForm(
			z.object({ id: z.coerce.number().int().positive('error_choice'), name: z.string() }),
			await request.formData()
		);
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			await removeMaterial(getDb(), gatheringId, parsed.data.id, locals.user?.id ?? null);
		} catch (err) {
			return failFromDomain(err);
		}
		return { done: m.materials_deleted({ name: parsed.data.name }) };
	}
} satisfies Actions;
