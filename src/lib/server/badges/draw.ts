import type { BadgeFonts } from './fonts';
import { cutMarks, MM, type Box, type Sheet } from './layouts';
import { qrMatrix } from './qr';
import { Typesetter, type Weight } from './typeset';
import type { Badge, BadgeEventText, BadgePalette } from './types';

/** What the drawer needs of a run; pdf.ts adds the layout and stream options. */
export interface DrawOptions {
	palette: BadgePalette;
	fonts: BadgeFonts;
	event: BadgeEventText;
}

const INK = '#1c1917';
const SOFT = '#44403c';
const MUTED = '#78716c';
const QR_QUIET = 2;

function clean(text: string | null | undefined): string {
	return (text ?? '').replace(/\s+/g, ' ').trim();
}

function isLarge(badge: Pick<Badge, 'role'>): boolean {
	return badge.role === 'guest' || badge.role === 'executive' || badge.role === 'general_manager';
}

/** Where a card puts the name: its width, largest size, and the size of a two-line name. */
export interface NameBox {
	width: number;
	max: number;
	twoLineMax: number;
}

/** The name's box on a card of this sheet (one rule for drawing and for the preflight). */
export function nameBox(
	shape: Sheet['shape'],
	card: { w: number; h: number },
	pad: number,
	badge: Pick<Badge, 'role'>
): NameBox {
	const w = card.w - 2 * pad;
	if (shape === 'portrait') {
		const max = isLarge(badge) ? 42 : 32;
		return { width: w, max, twoLineMax: max };
	}
	const s = card.h / (55 * MM);
	const h = card.h - 2 * pad;
	const bandH = 10 * MM * s;
	const footH = 3 * MM * s;
	const qrSide = Math.min(h - bandH - footH - 2 * MM * s, 25 * MM * s);
	const max = (isLarge(badge) ? 22 : 17) * s;
	// A second name line costs height the card barely has: it stays a little smaller.
	return { width: w - qrSide - 2 * MM, max, twoLineMax: max * 0.8 };
}

/** Draws one badge into a card box; the layout of each card shape lives here. */
export class BadgeDrawer {
	readonly type: Typesetter;

	constructor(
		readonly doc: PDFKit.PDFDocument,
		readonly options: DrawOptions
	) {
		this.type = new Typesetter(doc, options.fonts);
	}

	qr(text: string, x: number, y: number, side: number): void {
		const { size, runs } = qrMatrix(text);
		const module = side / (size + 2 * QR_QUIET);
		const doc = this.doc;
		doc.save();
		// Integer module coordinates keep the content stream short; one fill for the whole symbol
		// avoids hairline seams between rows in viewers.
		doc.translate(x + QR_QUIET * module, y + QR_QUIET * module).scale(module);
		// One content write for the whole path: a rect() call per run costs more than the QR itself.
		doc.addContent(runs.map((r) => `${r.col} ${r.row} ${r.length} 1 re`).join('\n'));
		doc.fill(INK);
		doc.restore();
	}

	band(badge: Badge, box: Box, radius: number): void {
		this.doc
			.roundedRect(box.x, box.y, box.w, box.h, radius)
			.fill(this.options.palette[badge.role].band);
	}

	/** One line, centred or left-aligned, fitted to the width. */
	line(
		text: string,
		weight: Weight,
		max: number,
		x: number,
		baseline: number,
		width: number,
		colour: string,
		align: 'left' | 'center' | 'right' = 'left',
		keepWhole = false
	): number {
		const fitted = this.type.fit(text, weight, max, Math.min(max, 6), width, keepWhole);
		const left =
			align === 'center'
				? x + (width - fitted.width) / 2
				: align === 'right'
					? x + width - fitted.width
					: x;
		this.type.draw(fitted.text, weight, fitted.size, left, baseline, colour);
		return fitted.size;
	}

	/**
	 * The name, the largest text on the badge: one line, or two for a long Latin name. `top` is
	 * where the tallest glyphs start (CJK ideographs reach about 0.88 em above the baseline).
	 */
	name(
		badge: Badge,
		x: number,
		top: number,
		width: number,
		max: number,
		align: 'left' | 'center',
		twoLineMax = max
	): { size: number; baseline: number } {
		const fitted = this.type.fitName(clean(badge.name), max, width, 0.75, twoLineMax);
		let baseline = top + fitted.size * 0.88;
		fitted.lines.forEach((line, i) => {
			if (i > 0) {
				baseline += fitted.size * 1.1;
			}
			const left = align === 'center' ? x + (width - line.width) / 2 : x;
			this.type.draw(line.text, 'bold', fitted.size, left, baseline, INK);
		});
		return { size: fitted.size, baseline };
	}

	details(badge: Badge): string {
		const { tableLabel, tourLabel } = this.options.event;
		return [
			badge.tableNumber ? `${tableLabel} ${clean(badge.tableNumber)}` : '',
			badge.tourGroup ? `${tourLabel} ${clean(badge.tourGroup)}` : ''
		]
			.filter(Boolean)
			.join('   ');
	}

	/** A6 page: band with the role on top, the name large in the middle, QR bottom right. */
	portrait(badge: Badge, card: Box, pad: number): void {
		const x = card.x + pad;
		const y = card.y + pad;
		const w = card.w - 2 * pad;
		const h = card.h - 2 * pad;
		const { palette, event } = this.options;
		const label = event.roleLabels[badge.role];
		const bandH = 22 * MM;
		this.band(badge, { x, y, w, h: bandH }, 6);
		const ink = palette[badge.role].text;
		this.line(label.zh, 'bold', 28, x, y + 38, w, ink, 'center');
		this.line(label.en.toUpperCase(), 'regular', 10, x, y + 54, w, ink, 'center');

		// The name's top sits a fixed gap below the band whatever its size, so a large name never
		// touches the band and a shrunk one does not float.
		const box = nameBox('portrait', card, pad, badge);
		const name = this.name(badge, x, y + bandH + 7 * MM, box.width, box.max, 'center');
		let cursor = name.baseline + Math.max(name.size * 0.3, 8);
		// Nothing else may outgrow the name (a very long name can shrink below the usual sizes).
		const cap = (max: number) => Math.min(max, Math.floor(name.size * 0.8));
		if (badge.nameLatin) {
			cursor += cap(16);
			this.line(clean(badge.nameLatin), 'regular', cap(16), x, cursor, w, SOFT, 'center', true);
		}
		cursor += 10;
		for (const [text, weight, max, colour] of [
			[badge.company, 'regular', 13, INK],
			[badge.companyLatin, 'regular', 10, SOFT],
			[badge.title, 'regular', 11, SOFT],
			[this.details(badge), 'bold', 12, INK]
		] as const) {
			if (clean(text)) {
				cursor += cap(max) * 1.45;
				this.line(clean(text), weight, cap(max), x, cursor, w, colour, 'center');
			}
		}

		const qrSide = 30 * MM;
		const qrY = y + h - qrSide;
		this.qr(badge.qrText, x + w - qrSide, qrY, qrSide);
		const textW = w - qrSide - 4 * MM;
		let foot = qrY + 14;
		this.line(clean(event.title), 'bold', 10, x, foot, textW, INK);
		foot += 13;
		this.line(clean(event.titleLatin), 'regular', 8, x, foot, textW, SOFT);
		foot += 13;
		this.line(clean(event.date), 'regular', 8, x, foot, textW, MUTED);
	}

	/** Pouch card (90×55 mm, 4×3 in): role band across the top, text left, QR right. */
	landscape(badge: Badge, card: Box, pad: number): void {
		const s = card.h / (55 * MM);
		const x = card.x + pad;
		const y = card.y + pad;
		const w = card.w - 2 * pad;
		const h = card.h - 2 * pad;
		const { palette, event } = this.options;
		const label = event.roleLabels[badge.role];
		const ink = palette[badge.role].text;
		const bandH = 10 * MM * s;
		this.band(badge, { x, y, w, h: bandH }, 2 * s);
		const labelBase = y + bandH / 2 + 4.5 * s;
		const zh = this.type.fit(label.zh, 'bold', 13 * s, 8, w / 2);
		this.type.draw(zh.text, 'bold', zh.size, x + 3 * MM, labelBase, ink);
		const enX = x + 3 * MM + zh.width + 2 * MM;
		this.line(label.en.toUpperCase(), 'regular', 7 * s, enX, labelBase, w / 2 - zh.width, ink);
		this.line(
			clean(event.date),
			'regular',
			6.5 * s,
			x + w / 2,
			labelBase,
			w / 2 - 3 * MM,
			ink,
			'right'
		);

		const footH = 3 * MM * s;
		const top = y + bandH + 2 * MM * s;
		const qrSide = Math.min(h - bandH - footH - 2 * MM * s, 25 * MM * s);
		this.qr(badge.qrText, x + w - qrSide, top, qrSide);
		const tw = w - qrSide - 2 * MM;

		const box = nameBox('landscape', card, pad, badge);
		const name = this.name(badge, x, top, box.width, box.max, 'left', box.twoLineMax);
		let cursor = name.baseline + 1.5 * MM * s;
		const cap = (max: number) => Math.min(max * s, name.size * 0.8);
		for (const [text, weight, max, colour] of [
			[badge.nameLatin, 'regular', 9, SOFT],
			[badge.company, 'regular', 8, INK],
			[badge.company ? null : badge.companyLatin, 'regular', 8, INK],
			[badge.title, 'regular', 7, SOFT],
			[this.details(badge), 'bold', 7.5, INK]
		] as const) {
			if (clean(text)) {
				cursor += cap(max) * 1.55;
				this.line(
					clean(text),
					weight,
					cap(max),
					x,
					cursor,
					tw,
					colour,
					'left',
					text === badge.nameLatin
				);
			}
		}
		const footer = [clean(event.title), clean(event.titleLatin)].filter(Boolean).join(' · ');
		this.line(footer, 'regular', 6 * s, x, y + h - 1, w, MUTED);
	}

	marks(sheet: Sheet): void {
		const doc = this.doc;
		const lines = cutMarks(sheet);
		if (lines.length === 0) {
			return;
		}
		for (const l of lines) {
			doc.moveTo(l.x1, l.y1).lineTo(l.x2, l.y2);
		}
		doc.lineWidth(0.3).stroke(INK);
	}
}
