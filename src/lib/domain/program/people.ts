/** Who takes part in the programme, as the pure rules and the pages see them. */

export type AttendeeRole = 'guest' | 'executive' | 'staff' | 'companion';
export type TierName = 'key' | 'potential' | 'regular';

export interface Attendee {
	/** 'i12' for invitee 12, 'i12c0' for their first companion. */
	key: string;
	inviteeId: number;
	role: AttendeeRole;
	name: string;
	nameLatin: string | null;
	nameSort: string;
	title: string | null;
	titleEn: string | null;
	accountId: number | null;
	company: string | null;
	companyEn: string | null;
	tier: TierName | null;
	/** The account's yearly sales in minor units; ranks accounts within a tier. */
	accountSales: number;
	phone: string | null;
	dietary: string | null;
	/** 'zh' | 'en' | null (no preference). */
	tourLanguage: string | null;
	locale: 'zh-CN' | 'en';
	/** Our people: lower is more senior; the general manager first. */
	seniority: number;
	isGeneralManager: boolean;
}

export function inviteeKey(inviteeId: number): string {
	return `i${inviteeId}`;
}

export function companionKey(inviteeId: number, index: number): string {
	return `i${inviteeId}c${index}`;
}

/** The invitee a person key belongs to (a companion belongs to the one who brought them). */
export function inviteeOfKey(key: string): number | null {
	const m = /^i(\d+)(?:c\d+)?$/.exec(key);
	return m ? Number(m[1]) : null;
}

export const isHostRole = (role: AttendeeRole) => role === 'executive' || role === 'staff';

/** What keeps people together: their account, else the invitee who brought them. */
export function unitOf(a: Pick<Attendee, 'accountId' | 'inviteeId' | 'role'>): string {
	if (isHostRole(a.role)) {
		return `host${a.inviteeId}`;
	}
	return a.accountId !== null ? `a${a.accountId}` : `p${a.inviteeId}`;
}

export const TIER_RANK: Record<TierName, number> = { key: 0, potential: 1, regular: 2 };
