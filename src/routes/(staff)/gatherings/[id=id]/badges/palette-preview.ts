// The label colour the server will pick (src/lib/server/badges/palette.ts), for a live preview.
function luminance(hex: string): number {
	const channel = (offset: number) => {
		const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function previewLabel(band: string): { text: string; contrast: number } {
	const l = luminance(band);
	const white = 1.05 / (l + 0.05);
	const black = (l + 0.05) / 0.05;
	return white >= black
		? { text: '#ffffff', contrast: Math.floor(white * 10) / 10 }
		: { text: '#000000', contrast: Math.floor(black * 10) / 10 };
}

// Same rule as clashingRoles() on the server: bands closer than this read as one colour.
const MIN_BAND_DISTANCE = 48;

function distance(a: string, b: string): number {
	const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
	const [x, y] = [rgb(a), rgb(b)];
	return Math.hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);
}

/** Roles whose band is too close to another role's, to warn before saving. */
export function clashing(bands: Record<string, string>): Set<string> {
	const roles = Object.keys(bands);
	const found = new Set<string>();
	roles.forEach((a, i) => {
		for (const b of roles.slice(i + 1)) {
			if (distance(bands[a], bands[b]) < MIN_BAND_DISTANCE) {
				found.add(a).add(b);
			}
		}
	});
	return found;
}
