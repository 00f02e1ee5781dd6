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
}
