import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

export const gatheringHref = (id: number): ResolvedPathname =>
	resolve('/(staff)/gatherings/[id=id]', { id: String(id) });
export const checkinHref = (id: number): ResolvedPathname =>
	resolve('/(staff)/gatherings/[id=id]/checkin', { id: String(id) });
export const materialHref = (id: number, materialId: number): ResolvedPathname =>
	resolve('/(staff)/gatherings/[id=id]/materials/[materialId=id]', {
		id: String(id),
		materialId: String(materialId)
	});
