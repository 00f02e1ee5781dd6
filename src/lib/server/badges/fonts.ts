import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as fontkit from 'fontkit';

/** One font the renderer may draw with; `id` is its registered name inside a PDF. */
export interface BadgeFont {
	id: string;
	/** The opened font, or null when it cannot be read. Fallbacks open on first use. */
	font(): fontkit.Font | null;
}

/**
 * Fonts in the order they are tried for each string: the first one that has every glyph draws
 * it. Empty chains mean no usable font was found, and the renderer falls back to Helvetica.
 */
export interface BadgeFonts {
	regular: BadgeFont[];
	bold: BadgeFont[];
}

export interface FontSource {
	id: string;
	/** An npm package file (resolved from node_modules) or an absolute path. */
	file: string;
	/** Face inside a .ttc collection. */
	face?: string;
}

const PACKAGE = '@expo-google-fonts/noto-sans-sc';
const DEBIAN_CJK = '/usr/share/fonts/opentype/noto';
const DEBIAN_DEJAVU = '/usr/share/fonts/truetype/dejavu';

/**
 * Noto Sans SC (TrueType, small subsets) covers almost every name; Debian's Noto Sans CJK
 * collection adds Extension B and rarer ideographs (𠮷); DejaVu adds Latin Extended, Greek and
 * Cyrillic letters neither CJK font has (Ł, ő).
 */
export const DEFAULT_FONT_SOURCES: Record<keyof BadgeFonts, FontSource[]> = {
	regular: [
		{ id: 'sc', file: `${PACKAGE}/400Regular/NotoSansSC_400Regular.ttf` },
		{ id: 'cjk', file: `${DEBIAN_CJK}/NotoSansCJK-Regular.ttc`, face: 'NotoSansCJKsc-Regular' },
		{ id: 'dejavu', file: `${DEBIAN_DEJAVU}/DejaVuSans.ttf` }
	],
	bold: [
		{ id: 'sc-bold', file: `${PACKAGE}/700Bold/NotoSansSC_700Bold.ttf` },
		{ id: 'cjk-bold', file: `${DEBIAN_CJK}/NotoSansCJK-Bold.ttc`, face: 'NotoSansCJKsc-Bold' },
		{ id: 'dejavu-bold', file: `${DEBIAN_DEJAVU}/DejaVuSans-Bold.ttf` }
	]
};

export function resolveFile(file: string): string | null {
	if (file.startsWith('/')) {
		return existsSync(file) ? file : null;
	}
	try {
		return createRequire(import.meta.url).resolve(file);
	} catch {
		// A bundled server may not resolve packages from its own location; try the working dir.
		const local = join(process.cwd(), 'node_modules', file);
		return existsSync(local) ? local : null;
	}
}

function openFont(source: FontSource): fontkit.Font | null {
	const path = resolveFile(source.file);
	if (!path) {
		return null;
	}
	try {
		const opened = fontkit.create(readFileSync(path), source.face);
		if ('hasGlyphForCodePoint' in opened) {
			return opened;
		}
		return source.face ? opened.getFont(source.face) : (opened.fonts[0] ?? null);
	} catch (err) {
		console.warn(`badges: cannot open font ${path}:`, err);
		return null;
	}
}

/**
 * The fonts that exist on this machine, skipping missing ones. The first is opened at once; the
 * fallbacks (the CJK collection is 20 MB) only when a string needs a glyph the first lacks.
 */
export function loadFontChain(sources: readonly FontSource[]): BadgeFont[] {
	const chain: BadgeFont[] = [];
	for (const source of sources) {
		if (!resolveFile(source.file)) {
			continue;
		}
		let opened: fontkit.Font | null | undefined;
		const font = () => (opened === undefined ? (opened = openFont(source)) : opened);
		if (chain.length === 0 && !font()) {
			continue;
		}
		chain.push({ id: source.id, font });
	}
	return chain;
}

let cached: BadgeFonts | null = null;

/** The default fonts, read from disk once per process (tens of MB, shared by every PDF). */
export function loadBadgeFonts(): BadgeFonts {
	cached ??= {
		regular: loadFontChain(DEFAULT_FONT_SOURCES.regular),
		bold: loadFontChain(DEFAULT_FONT_SOURCES.bold)
	};
	return cached;
}

/** Printable ASCII and Latin-1: what the built-in Helvetica can draw when no font is present. */
function helveticaHas(codePoint: number): boolean {
	return (codePoint >= 0x20 && codePoint <= 0x7e) || (codePoint >= 0xa0 && codePoint <= 0xff);
}

const IGNORED = /[\s\u200b-\u200d\ufeff]/u;

/** Characters of `text` that `has` cannot draw (whitespace never counts). */
function missingChars(text: string, has: (codePoint: number) => boolean): string[] {
	const missing: string[] = [];
	for (const ch of text) {
		if (!IGNORED.test(ch) && !has(ch.codePointAt(0) ?? 0) && !missing.includes(ch)) {
			missing.push(ch);
		}
	}
	return missing;
}

export interface TextRun {
	/** Registered font id, or 'Helvetica' when the chain is empty. */
	font: string;
	text: string;
}

export interface Shaped {
	/** Usually one run; several only when no single font has every character. */
	runs: TextRun[];
	/** Characters no available font can draw (they would print as empty boxes). */
	missing: string[];
}

/**
 * Picks fonts per string, remembering answers (a run repeats companies and labels). A string
 * one font can draw entirely gets that font, so a name never mixes styles needlessly; otherwise
 * each character takes the first font that has it.
 */
export class FontPicker {
	private readonly memo = new Map<string, Shaped>();

	constructor(private readonly chain: readonly BadgeFont[]) {}

	shape(text: string): Shaped {
		let shaped = this.memo.get(text);
		if (!shaped) {
			shaped = this.split(text);
			this.memo.set(text, shaped);
		}
		return shaped;
	}

	private split(text: string): Shaped {
		// loadFontChain only keeps a first font that opens, so a non-empty chain can draw.
		if (this.chain.length === 0) {
			return { runs: [{ font: 'Helvetica', text }], missing: missingChars(text, helveticaHas) };
		}
		const has = (entry: BadgeFont, codePoint: number) =>
			entry.font()?.hasGlyphForCodePoint(codePoint) ?? false;
		// Fallbacks are opened only when the first font misses something.
		for (const entry of this.chain) {
			if (missingChars(text, (cp) => has(entry, cp)).length === 0) {
				return { runs: [{ font: entry.id, text }], missing: [] };
			}
		}
		const runs: TextRun[] = [];
		const missing: string[] = [];
		for (const ch of text) {
			const codePoint = ch.codePointAt(0) ?? 0;
			const current = runs.at(-1);
			let id = current?.font ?? this.chain[0].id;
			if (!IGNORED.test(ch)) {
				const found = this.chain.find((entry) => has(entry, codePoint));
				if (found) {
					id = found.id;
				} else if (!missing.includes(ch)) {
					missing.push(ch);
				}
			}
			if (current && current.font === id) {
				current.text += ch;
			} else {
				runs.push({ font: id, text: ch });
			}
		}
		return { runs, missing };
	}
}
