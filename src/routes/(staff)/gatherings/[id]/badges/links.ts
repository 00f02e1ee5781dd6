import { resolve } from '$app/paths';
import type { Pathname, ResolvedPathname } from '$app/types';

// The gathering page belongs to the gatherings area and may not exist in every checkout.
export const gatheringHref = (id: number): ResolvedPathname =>
	resolve(`/gatherings/${id}` as Pathname);
export const checkinHref = (id: number): ResolvedPathname =>
	resolve('/(staff)/gatherings/[id]/checkin', { id: String(id) });
export const materialHref = (id: number, materialId: number): ResolvedPathname =>
	resolve('/(staff)/gatherings/[id]/materials/[materialId]', {
		id: String(id),
		materialId: String(materialId)
	});
