import { BADGE_ROLES, type BadgePalette, type BadgeRole, type PaletteEntry } from './types';

const HEX = /^#[0-9a-f]{6}$/i;
// Pure black and white: for any band one of them reaches at least 4.58:1.
const DARK = '#000000';
const LIGHT = '#ffffff';

/** WCAG 2 relative luminance of an sRGB colour given as #rrggbb. */
export function relativeLuminance(hex: string): number {
	const channel = (offset: number) => {
		const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG 2 contrast ratio, 1 to 21. AA asks 4.5 for normal text. */
export function contrastRatio(a: string, b: string): number {
	const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on the band; one of them always reaches AA. */
export function labelColourFor(band: string): string {
	return contrastRatio(band, LIGHT) >= contrastRatio(band, DARK) ? LIGHT : DARK;
}

function entry(band: string): PaletteEntry {
	return { band, text: labelColourFor(band) };
}

/**
 * Guests and the general manager must be told apart from everyone else at a glance (size or
 * colour): wine red for guests, navy for the general manager, gold for other executives, teal
 * for staff, slate for companions.
 */
export const DEFAULT_PALETTE: BadgePalette = {
	guest: entry('#9f1239'),
	general_manager: entry('#1e3a8a'),
	executive: entry('#d4a017'),
	staff: entry('#0f766e'),
	companion: entry('#475569')
};

export function isHexColour(value: unknown): value is string {
	return typeof value === 'string' && HEX.test(value);
}

/**
 * gathering.badge_palette → a full palette. Accepts per role either '#rrggbb' (label colour
 * chosen for contrast) or { band, text }; anything unreadable falls back to the default.
 */
export function parsePalette(json: string | null): BadgePalette {
	const palette: BadgePalette = { ...DEFAULT_PALETTE };
	if (!json) {
		return palette;
	}
	let raw: unknown;
	try {
		raw = JSON.parse(json);
	} catch {
		return palette;
	}
	if (!raw || typeof raw !== 'object') {
		return palette;
	}
	for (const role of BADGE_ROLES) {
		const value = (raw as Record<string, unknown>)[role];
		if (isHexColour(value)) {
			palette[role] = entry(value.toLowerCase());
		} else if (value && typeof value === 'object') {
			const { band, text } = value as Record<string, unknown>;
			if (isHexColour(band)) {
				palette[role] = {
					band: band.toLowerCase(),
					text: isHexColour(text) ? text.toLowerCase() : labelColourFor(band)
				};
			}
		}
	}
	return palette;
}

/** What is stored: only band colours; the label colour is always derived, so it stays readable. */
export function serializePalette(bands: Record<BadgeRole, string>): string {
	return JSON.stringify(Object.fromEntries(BADGE_ROLES.map((role) => [role, bands[role]])));
}

/** Euclidean distance in sRGB, 0 to 441; below about 48 two bands read as the same colour. */
export function colourDistance(a: string, b: string): number {
	const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
	const [x, y] = [rgb(a), rgb(b)];
	return Math.hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);
}

export const MIN_BAND_DISTANCE = 48;

/** Pairs of roles whose bands could be mistaken for each other at the door. */
export function clashingRoles(bands: Record<BadgeRole, string>): [BadgeRole, BadgeRole][] {
	const pairs: [BadgeRole, BadgeRole][] = [];
	BADGE_ROLES.forEach((a, i) => {
		for (const b of BADGE_ROLES.slice(i + 1)) {
			if (colourDistance(bands[a], bands[b]) < MIN_BAND_DISTANCE) {
				pairs.push([a, b]);
			}
		}
	});
	return pairs;
}
