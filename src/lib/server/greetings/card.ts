import { Resvg } from '@resvg/resvg-js';
import { resolveFile } from '../badges/fonts';

/**
 * Greeting cards: a built-in design per festival (colours and a simple motif) with the greeting
 * text set in Noto Sans SC, drawn as SVG and rendered to PNG by resvg with that TTF (the one the
 * badges use), so Chinese shows the same everywhere and no remote image is needed.
 */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 800;

interface Design {
	background: [string, string];
	ink: string;
	accent: string;
	motif: 'moon' | 'lantern' | 'knot' | 'wave' | 'star';
}

const design = (
	background: Design['background'],
	ink: string,
	accent: string,
	motif: Design['motif']
): Design => ({ background, ink, accent, motif });

/** Spring Festival and its eve (除夕) share the red lanterns. */
const RED_LANTERNS = design(['#b91c1c', '#7f1d1d'], '#fde68a', '#f59e0b', 'lantern');

// prettier-ignore
const DESIGNS: Record<string, Design> = {
	spring_festival: RED_LANTERNS,
	new_years_eve: RED_LANTERNS,
	lantern: design(['#9a3412', '#7c2d12'], '#fef3c7', '#fb923c', 'lantern'),
	dragon_boat: design(['#065f46', '#064e3b'], '#ecfdf5', '#34d399', 'wave'),
	qixi: design(['#4c1d95', '#1e1b4b'], '#fdf4ff', '#f0abfc', 'star'),
	mid_autumn: design(['#1e3a8a', '#172554'], '#fef9c3', '#fde047', 'moon'),
	double_ninth: design(['#a16207', '#713f12'], '#fefce8', '#facc15', 'knot'),
	new_year: design(['#0f766e', '#134e4a'], '#f0fdfa', '#5eead4', 'star'),
	national_day: design(['#dc2626', '#991b1b'], '#fef08a', '#facc15', 'star'),
	christmas: design(['#166534', '#14532d'], '#f0fdf4', '#ef4444', 'star'),
	default: design(['#9f1239', '#881337'], '#fff1f2', '#fda4af', 'knot')
};

export const cardDesigns = Object.keys(DESIGNS);

const escapeXml = (s: string) =>
	s.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!
	);

function motif(d: Design): string {
	switch (d.motif) {
		case 'moon':
			return `<circle cx="930" cy="230" r="130" fill="${d.accent}"/><circle cx="880" cy="200" r="22" fill="${d.background[0]}" opacity="0.25"/><circle cx="980" cy="280" r="14" fill="${d.background[0]}" opacity="0.25"/>`;
		case 'lantern':
			return [160, 1040]
				.map(
					(x) =>
						`<line x1="${x}" y1="0" x2="${x}" y2="90" stroke="${d.accent}" stroke-width="4"/><ellipse cx="${x}" cy="170" rx="80" ry="90" fill="${d.accent}"/><rect x="${x - 40}" y="75" width="80" height="16" fill="${d.ink}"/><rect x="${x - 40}" y="250" width="80" height="16" fill="${d.ink}"/><line x1="${x}" y1="266" x2="${x}" y2="330" stroke="${d.ink}" stroke-width="4"/>`
				)
				.join('');
		case 'wave':
			return `<path d="M0 680 Q150 620 300 680 T600 680 T900 680 T1200 680 V800 H0 Z" fill="${d.accent}" opacity="0.6"/>`;
		case 'star':
			return Array.from({ length: 14 }, (_, i) => {
				const x = (i * 389) % 1200;
				const y = 40 + ((i * 173) % 220);
				return `<circle cx="${x}" cy="${y}" r="${3 + (i % 4) * 2}" fill="${d.accent}"/>`;
			}).join('');
		default:
			return `<rect x="560" y="60" width="80" height="80" transform="rotate(45 600 100)" fill="none" stroke="${d.accent}" stroke-width="10"/>`;
	}
}

/** Breaks the greeting into lines that fit: CJK by characters, Latin by words. */
export function wrapText(text: string, maxUnits: number): string[] {
	const lines: string[] = [];
	for (const paragraph of text.split(/\r?\n/)) {
		let line = '';
		let units = 0;
		const tokens =
			paragraph.match(
				/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+|\s+/g
			) ?? [];
		for (const token of tokens) {
			const width = /^[\u2E80-\uFFEF]$/.test(token) ? 2 : token.length;
			if (units + width > maxUnits && line.trim()) {
				lines.push(line.trim());
				line = '';
				units = 0;
			}
			if (!line && /^\s+$/.test(token)) {
				continue;
			}
			line += token;
			units += width;
		}
		lines.push(line.trim());
	}
	return lines.filter((l, i, all) => l || (i > 0 && i < all.length - 1));
}

/** The card as SVG: a festival design with the greeting's title and text. Pure. */
export function cardSvg(design: string, title: string, text: string): string {
	const d = DESIGNS[design] ?? DESIGNS.default;
	const lines = wrapText(text, 40).slice(0, 6);
	const startY = 470 - (lines.length - 1) * 28;
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">
<defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${d.background[0]}"/><stop offset="1" stop-color="${d.background[1]}"/></linearGradient></defs>
<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="url(#bg)"/>
<rect x="30" y="30" width="${CARD_WIDTH - 60}" height="${CARD_HEIGHT - 60}" fill="none" stroke="${d.accent}" stroke-width="4" rx="18"/>
${motif(d)}
<text x="600" y="${startY - 110}" text-anchor="middle" font-family="Noto Sans SC" font-weight="700" font-size="88" fill="${d.ink}">${escapeXml(title)}</text>
${lines
	.map(
		(line, i) =>
			`<text x="600" y="${startY + i * 56}" text-anchor="middle" font-family="Noto Sans SC" font-size="40" fill="${d.ink}">${escapeXml(line)}</text>`
	)
	.join('\n')}
</svg>`;
}

let fontFiles: string[] | null = null;

function fonts(): string[] {
	fontFiles ??= [
		'@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
		'@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'
	]
		.map((file) => resolveFile(file))
		.filter((p): p is string => p !== null);
	return fontFiles;
}

/** Renders card SVG to PNG with the Noto Sans SC files only (no system font lookup). */
export function renderCardPng(svg: string): Buffer {
	const resvg = new Resvg(svg, {
		font: {
			fontFiles: fonts(),
			loadSystemFonts: false,
			defaultFontFamily: 'Noto Sans SC'
		},
		fitTo: { mode: 'width', value: CARD_WIDTH }
	});
	return Buffer.from(resvg.render().asPng());
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const MAX_CARD_BYTES = 2 * 1024 * 1024;

/** An uploaded card must be a PNG (the only type the email and the download declare). */
export function isPng(bytes: Buffer): boolean {
	return bytes.length > PNG.length && bytes.subarray(0, PNG.length).equals(PNG);
}
