import type { BadgeFont, BadgeFonts } from './fonts';
import { FontPicker } from './fonts';

export type Weight = 'regular' | 'bold';

/** Draws text in fonts chosen per string, measured and placed on a baseline. */
export class Typesetter {
	private readonly pickers: Record<Weight, FontPicker>;
	private readonly fonts: Map<string, BadgeFont>;
	private readonly registered = new Set<string>(['Helvetica']);

	constructor(
		private readonly doc: PDFKit.PDFDocument,
		fonts: BadgeFonts
	) {
		this.pickers = { regular: new FontPicker(fonts.regular), bold: new FontPicker(fonts.bold) };
		this.fonts = new Map([...fonts.regular, ...fonts.bold].map((f) => [f.id, f]));
	}

	/** Selects a font, registering it with this document the first time it is used. */
	private use(id: string, size: number): void {
		if (!this.registered.has(id)) {
			// pdfkit takes an opened fontkit font as well as a path; the types only list paths.
			this.doc.registerFont(id, this.fonts.get(id)?.font() as unknown as Buffer);
			this.registered.add(id);
		}
		this.doc.font(id).fontSize(size);
	}

	width(text: string, weight: Weight, size: number, spacing = 0): number {
		let total = 0;
		for (const run of this.pickers[weight].shape(text).runs) {
			this.use(run.font, size);
			total += this.doc.widthOfString(run.text, { characterSpacing: spacing });
		}
		return total;
	}

	draw(
		text: string,
		weight: Weight,
		size: number,
		x: number,
		baseline: number,
		colour: string,
		spacing = 0
	): void {
		const doc = this.doc;
		doc.fillColor(colour);
		for (const run of this.pickers[weight].shape(text).runs) {
			this.use(run.font, size);
			doc.text(run.text, x, baseline, {
				lineBreak: false,
				baseline: 'alphabetic',
				characterSpacing: spacing
			});
			x += doc.widthOfString(run.text, { characterSpacing: spacing });
		}
	}

	/**
	 * The largest size up to `max` at which `text` fits `width`. Below `min`, a name keeps
	 * shrinking (it must be whole); other text is cut with an ellipsis.
	 */
	fit(
		text: string,
		weight: Weight,
		max: number,
		min: number,
		width: number,
		keepWhole = false
	): { text: string; size: number; width: number } {
		const full = this.width(text, weight, max);
		if (full <= width) {
			return { text, size: max, width: full };
		}
		const size = Math.max(keepWhole ? 1 : min, Math.floor(((max * width) / full) * 4) / 4);
		let measured = this.width(text, weight, size);
		if (measured <= width || keepWhole) {
			return { text, size, width: measured };
		}
		const chars = Array.from(text);
		let lo = 0;
		let hi = chars.length;
		while (lo < hi) {
			const mid = Math.ceil((lo + hi) / 2);
			if (this.width(chars.slice(0, mid).join('') + '…', weight, size) <= width) {
				lo = mid;
			} else {
				hi = mid - 1;
			}
		}
		const cut = chars.slice(0, lo).join('').trimEnd() + '…';
		measured = this.width(cut, weight, size);
		return { text: cut, size, width: measured };
	}

	/**
	 * A name, whole, as large as it fits: on one line, or on two (split at the space that
	 * balances them) when one line would shrink it below `breakBelow` × max and two lines keep
	 * it larger. Chinese names have no spaces and four characters always fit one line.
	 */
	fitName(
		text: string,
		max: number,
		width: number,
		breakBelow = 0.75,
		twoLineMax = max
	): { lines: { text: string; width: number }[]; size: number } {
		const one = this.fit(text, 'bold', max, 6, width, true);
		const words = text.split(' ');
		if (one.size >= max * breakBelow || words.length < 2) {
			return { lines: [{ text: one.text, width: one.width }], size: one.size };
		}
		let best: { a: string; b: string; wa: number; wb: number } | null = null;
		for (let i = 1; i < words.length; i++) {
			const a = words.slice(0, i).join(' ');
			const b = words.slice(i).join(' ');
			const wa = this.width(a, 'bold', max);
			const wb = this.width(b, 'bold', max);
			if (!best || Math.max(wa, wb) < Math.max(best.wa, best.wb)) {
				best = { a, b, wa, wb };
			}
		}
		if (!best) {
			return { lines: [{ text: one.text, width: one.width }], size: one.size };
		}
		// Widths grow linearly with the size, so one measurement at `max` is enough.
		const widest = Math.max(best.wa, best.wb);
		const size = Math.min(twoLineMax, Math.floor(((max * width) / widest) * 4) / 4);
		if (size <= one.size) {
			return { lines: [{ text: one.text, width: one.width }], size: one.size };
		}
		return {
			lines: [
				{ text: best.a, width: (best.wa * size) / max },
				{ text: best.b, width: (best.wb * size) / max }
			],
			size
		};
	}
}
