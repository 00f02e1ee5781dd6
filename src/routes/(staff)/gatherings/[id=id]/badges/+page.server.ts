import { getDb } from '$lib/server/db';
import { failFromDomain, parseForm } from '$lib/server/forms';
import { contrastRatio, DEFAULT_PALETTE, parsePalette } from '$lib/server/badges/palette';
import { listBadgeCandidates } from '$lib/server/badges/service';
import { paletteSchema, saveBadgePalette } from '$lib/server/badges/palette-service';
import { MIN_NAME_PT, preflightBadges, preflightNames } from '$lib/server/badges/preflight';
import { BADGE_ROLES } from '$lib/server/badges/types';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ parent, url }) => {
	const db = getDb();
	const { gathering } = await parent();
	const sort = url.searchParams.get('sort') === 'family' ? 'family' : 'account';
	const people = await listBadgeCandidates(db, gathering.id, sort);
	const palette = parsePalette(gathering.badge_palette);
	return {
		gathering: { id: gathering.id, title_zh: gathering.title_zh, title_en: gathering.title_en },
		sort,
		people: people.map((p) => ({
			key: p.key,
			role: p.role,
			name: p.name,
			nameLatin: p.nameLatin,
			company: p.company,
			hostName: p.hostName,
			printedAt: p.printedAt,
			changed: p.changed
		})),
		issues: preflightBadges(people),
		nameWarnings: preflightNames(people).map((w) => ({
			...w,
			size: w.kind === 'small' ? Math.floor(w.size * 10) / 10 : null
		})),
		minNamePt: MIN_NAME_PT,
		palette: BADGE_ROLES.map((role) => ({
			role,
			...palette[role],
			default: DEFAULT_PALETTE[role].band,
			contrast: Math.floor(contrastRatio(palette[role].band, palette[role].text) * 10) / 10
		}))
	};
}) satisfies PageServerLoad;

export const actions = {
	palette: async ({ params, request, locals }) => {
		const gatheringId = Number(params.id);
		const parsed = parseForm(paletteSchema, await request.formData());
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			await saveBadgePalette(getDb(), gatheringId, parsed.data, locals.user?.id ?? null);
		} catch (err) {
			return failFromDomain(err);
		}
		return { paletteSaved: m.badges_palette_saved() };
	},
	paletteReset: async ({ params, locals }) => {
		const gatheringId = Number(params.id);
		try {
			await saveBadgePalette(getDb(), gatheringId, null, locals.user?.id ?? null);
		} catch (err) {
			return failFromDomain(err);
		}
		return { paletteSaved: m.badges_palette_saved() };
	}
} satisfies Actions;
