import PDFDocument from 'pdfkit';
import { nameBox } from './draw';
import { FontPicker, loadBadgeFonts, type BadgeFonts } from './fonts';
import { BADGE_LAYOUTS, sheetFor, type BadgeLayout } from './layouts';
import { Typesetter } from './typeset';
import type { Badge } from './types';

export interface PreflightIssue {
	key: string;
	name: string;
	field: 'name' | 'nameLatin' | 'company' | 'companyLatin' | 'title' | 'details';
	text: string;
	chars: string[];
}

/** Every printed string that no available font can draw, to show before printing. */
export function preflightBadges(
	badges: readonly Badge[],
	fonts: BadgeFonts = loadBadgeFonts()
): PreflightIssue[] {
	const bold = new FontPicker(fonts.bold);
	const regular = new FontPicker(fonts.regular);
	const issues: PreflightIssue[] = [];
	for (const badge of badges) {
		const fields = [
			['name', badge.name, bold],
			['nameLatin', badge.nameLatin, regular],
			['company', badge.company, regular],
			['companyLatin', badge.companyLatin, regular],
			['title', badge.title, regular],
			['details', [badge.tableNumber, badge.tourGroup].filter(Boolean).join(' '), bold]
		] as const;
		for (const [field, text, picker] of fields) {
			const chars = text ? picker.shape(text).missing : [];
			if (chars.length > 0) {
				issues.push({ key: badge.key, name: badge.name, field, text: text ?? '', chars });
			}
		}
	}
	return issues;
}

/** Below this a name is no longer read at arm's length; the preflight warns instead of hiding it. */
export const MIN_NAME_PT = 8;

/** Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their presentation forms. */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u;

export type NameWarning =
	| { key: string; name: string; kind: 'small'; size: number; layouts: BadgeLayout[] }
	| { key: string; name: string; kind: 'rtl' };

/**
 * Names that will not read well: a name that cannot be broken shrinks to fit its card, and below
 * MIN_NAME_PT (on any layout) it is flagged with the size it would get; a name in a right-to-left
 * script is flagged too, because Gala does no bidirectional reordering (a name mixing it with
 * Latin or Chinese may print its parts in the wrong order), so someone should check the badge
 * or print the Latin spelling. Measured with the same fonts and name boxes the PDF uses.
 */
export function preflightNames(
	badges: readonly Pick<Badge, 'key' | 'name' | 'role'>[],
	fonts: BadgeFonts = loadBadgeFonts()
): NameWarning[] {
	const doc = new PDFDocument({ autoFirstPage: false });
	const type = new Typesetter(doc, fonts);
	const warnings: NameWarning[] = [];
	for (const badge of badges) {
		const name = badge.name.replace(/\s+/g, ' ').trim();
		if (!name) {
			continue;
		}
		if (RTL.test(name)) {
			warnings.push({ key: badge.key, name: badge.name, kind: 'rtl' });
		}
		let smallest = Infinity;
		const layouts: BadgeLayout[] = [];
		for (const layout of BADGE_LAYOUTS) {
			const sheet = sheetFor(layout);
			const box = nameBox(sheet.shape, sheet.card, sheet.padding, badge);
			const { size } = type.fitName(name, box.max, box.width, 0.75, box.twoLineMax);
			if (size < MIN_NAME_PT) {
				layouts.push(layout);
				smallest = Math.min(smallest, size);
			}
		}
		if (layouts.length > 0) {
			warnings.push({ key: badge.key, name: badge.name, kind: 'small', size: smallest, layouts });
		}
	}
	return warnings;
}
