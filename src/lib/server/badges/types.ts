/** What the badge renderer draws; built by the service from the guest list, no database inside. */
export type BadgeRole = 'guest' | 'general_manager' | 'executive' | 'staff' | 'companion';

export const BADGE_ROLES: readonly BadgeRole[] = [
	'guest',
	'general_manager',
	'executive',
	'staff',
	'companion'
];

export interface Badge {
	/** '12' for an invitee, '12:c1' for that invitee's first named companion. */
	key: string;
	inviteeId: number;
	role: BadgeRole;
	name: string;
	nameLatin: string | null;
	company: string | null;
	companyLatin: string | null;
	title: string | null;
	tableNumber: string | null;
	tourGroup: string | null;
	/** Encoded in the QR code: the staff check-in link for this person. */
	qrText: string;
}

/** Printed text that is the same on every badge of a run, already in both languages. */
export interface BadgeEventText {
	title: string;
	titleLatin: string;
	date: string;
	roleLabels: Record<BadgeRole, { zh: string; en: string }>;
	tableLabel: string;
	tourLabel: string;
}

export interface PaletteEntry {
	/** #rrggbb */
	band: string;
	/** #rrggbb, the role label on the band. */
	text: string;
}

export type BadgePalette = Record<BadgeRole, PaletteEntry>;
