import { z } from 'zod';
import type { Executor } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { recordActivity } from '../activity/repository';
import { nowIso } from '../time';
import {
	clashingRoles,
	DEFAULT_PALETTE,
	isHexColour,
	parsePalette,
	serializePalette
} from './palette';
import * as repo from './repository';
import { BADGE_ROLES, type BadgePalette, type BadgeRole } from './types';

const bandColour = z.string().trim().refine(isHexColour, 'error_choice');
export const paletteSchema = z.object({
	guest: bandColour,
	// Optional, so a palette saved before the general manager had a band of their own still loads.
	general_manager: z.preprocess((v) => v || DEFAULT_PALETTE.general_manager.band, bandColour),
	executive: bandColour,
	staff: bandColour,
	companion: bandColour
});

export async function saveBadgePalette(
	db: Executor,
	gatheringId: number,
	bands: Record<BadgeRole, string> | null,
	userId: number | null
): Promise<void> {
	const gathering = await repo.findGatheringForBadges(db, gatheringId);
	if (!gathering) {
		throw new NotFoundError();
	}
	// Each role must be told apart at a glance, companions included (the issue asks for it).
	if (bands && clashingRoles(bands).length > 0) {
		throw new DomainError('badges_error_palette_same');
	}
	const isDefault =
		bands && BADGE_ROLES.every((r) => bands[r].toLowerCase() === DEFAULT_PALETTE[r].band);
	const json = bands && !isDefault ? serializePalette(bands) : null;
	await db.transaction().execute(async (trx) => {
		await repo.setBadgePalette(trx, gatheringId, json, nowIso());
		await recordActivity(trx, {
			user_id: userId,
			action: 'gathering.badge_palette_updated',
			subject_type: 'gathering',
			subject_id: gatheringId,
			gathering_id: gatheringId,
			details: { palette: json ? JSON.parse(json) : 'default' }
		});
	});
}

export async function getBadgePalette(db: Executor, gatheringId: number): Promise<BadgePalette> {
	const gathering = await repo.findGatheringForBadges(db, gatheringId);
	if (!gathering) {
		throw new NotFoundError();
	}
	return parsePalette(gathering.badge_palette);
}
