/** Page and card geometry in PDF points (1/72 in). */
export const MM = 72 / 25.4;

export const BADGE_LAYOUTS = ['a6', 'a4-90x55', 'a4-4x3in'] as const;
export type BadgeLayout = (typeof BADGE_LAYOUTS)[number];

/** Nothing is printed closer than this to a sheet's edge except cut marks (≥ 5 mm). */
export const PRINT_MARGIN = 10 * MM;
const MARK_EDGE = 5 * MM;
const MARK_GAP = 2 * MM;

export interface Box {
	x: number;
	y: number;
	w: number;
	h: number;
}

export interface Sheet {
	page: [number, number];
	cols: number;
	rows: number;
	card: { w: number; h: number };
	/** Top-left of the card grid. */
	origin: { x: number; y: number };
	/** A6 badges are the page itself; sheets are cut. */
	cutMarks: boolean;
	/** Space inside a card edge kept free of ink: the print margin, or cutting tolerance. */
	padding: number;
	shape: 'portrait' | 'landscape';
}

const A4: [number, number] = [595.28, 841.89];
const A6: [number, number] = [297.64, 419.53];

function grid(
	page: [number, number],
	card: { w: number; h: number },
	padding: number
): Omit<Sheet, 'shape'> {
	const cols = Math.floor((page[0] - 2 * PRINT_MARGIN) / card.w);
	const rows = Math.floor((page[1] - 2 * PRINT_MARGIN) / card.h);
	return {
		page,
		cols,
		rows,
		card,
		origin: { x: (page[0] - cols * card.w) / 2, y: (page[1] - rows * card.h) / 2 },
		cutMarks: true,
		padding
	};
}

export function sheetFor(layout: BadgeLayout): Sheet {
	switch (layout) {
		case 'a6':
			return {
				page: A6,
				cols: 1,
				rows: 1,
				card: { w: A6[0], h: A6[1] },
				origin: { x: 0, y: 0 },
				cutMarks: false,
				padding: PRINT_MARGIN,
				shape: 'portrait'
			};
		case 'a4-90x55':
			// 2 × 5 business-card pouches on portrait A4.
			return { ...grid(A4, { w: 90 * MM, h: 55 * MM }, 3.5 * MM), shape: 'landscape' };
		case 'a4-4x3in':
			// 2 × 2 landscape 4×3 in pouches on landscape A4.
			return { ...grid([A4[1], A4[0]], { w: 288, h: 216 }, 4 * MM), shape: 'landscape' };
	}
}

export function badgesPerPage(layout: BadgeLayout): number {
	const sheet = sheetFor(layout);
	return sheet.cols * sheet.rows;
}

export function pageCount(layout: BadgeLayout, badges: number): number {
	return Math.max(1, Math.ceil(badges / badgesPerPage(layout)));
}

/** The card rectangle for the n-th badge on its page, filled row by row. */
export function cardBox(sheet: Sheet, indexOnPage: number): Box {
	const col = indexOnPage % sheet.cols;
	const row = Math.floor(indexOnPage / sheet.cols);
	return {
		x: sheet.origin.x + col * sheet.card.w,
		y: sheet.origin.y + row * sheet.card.h,
		w: sheet.card.w,
		h: sheet.card.h
	};
}

export interface Line {
	x1: number;
	y1: number;
	x2: number;
	y2: number;
}

/**
 * Cut marks in the margin, extending every cut line of the grid: they start 2 mm off the cards
 * and stop 5 mm from the paper edge, where office printers still print.
 */
export function cutMarks(sheet: Sheet): Line[] {
	if (!sheet.cutMarks) {
		return [];
	}
	const { origin, card, cols, rows, page } = sheet;
	const right = origin.x + cols * card.w;
	const bottom = origin.y + rows * card.h;
	const lines: Line[] = [];
	for (let c = 0; c <= cols; c++) {
		const x = origin.x + c * card.w;
		lines.push({ x1: x, y1: MARK_EDGE, x2: x, y2: origin.y - MARK_GAP });
		lines.push({ x1: x, y1: bottom + MARK_GAP, x2: x, y2: page[1] - MARK_EDGE });
	}
	for (let r = 0; r <= rows; r++) {
		const y = origin.y + r * card.h;
		lines.push({ x1: MARK_EDGE, y1: y, x2: origin.x - MARK_GAP, y2: y });
		lines.push({ x1: right + MARK_GAP, y1: y, x2: page[0] - MARK_EDGE, y2: y });
	}
	return lines;
}
