import { FontPicker, loadBadgeFonts, type BadgeFonts } from './fonts';
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
