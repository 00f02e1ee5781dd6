import type { Executor } from '../db';
import type { InviteeRole, Locale } from '../db/schema';
import { byInvitee } from './companions';
import { listCompanions } from './companions-repository';
import { listAttendingRows } from './repository';

export interface AttendingPerson {
	inviteeId: number;
	/** null for the invitee themself; the companion's entry id otherwise. */
	companionId: number | null;
	/** Badge number of a companion (1-based); null for the invitee. */
	position: number | null;
	role: InviteeRole | 'companion';
	name: string;
	nameLatin: string | null;
	accountId: number | null;
	accountName: string | null;
	/** The language the person reads: the contact's, the staff user's, or the invitee's for a companion. */
	locale: Locale;
	tourLanguage: string | null;
	dietary: string | null;
	tableNumber: string | null;
	tourGroup: string | null;
	isGeneralManager: boolean;
}

/**
 * Every person attending a gathering: attending invitees and each of their companions (who
 * follow their invitee, with the invitee's account, language and tour language). For tour
 * groups, seating, badges and counts.
 */
export async function listAttendingPeople(
	db: Executor,
	gatheringId: number
): Promise<AttendingPerson[]> {
	const rows = await listAttendingRows(db, gatheringId);
	const companions = byInvitee(
		await listCompanions(
			db,
			gatheringId,
			rows.map((r) => r.id)
		)
	);
	return rows.flatMap((r) => {
		const self: AttendingPerson = {
			inviteeId: r.id,
			companionId: null,
			position: null,
			role: r.role,
			name: r.name ?? '',
			nameLatin: r.name_latin,
			accountId: r.account_id,
			accountName: r.account_name,
			locale: r.locale === 'en' ? 'en' : 'zh-CN',
			tourLanguage: r.tour_language,
			dietary: r.invitee_dietary ?? r.contact_dietary,
			tableNumber: r.table_number,
			tourGroup: r.tour_group,
			isGeneralManager: Number(r.gm) === 1
		};
		return [
			self,
			...(companions.get(r.id) ?? []).map((c): AttendingPerson => ({
				...self,
				companionId: c.id,
				position: c.position,
				role: 'companion',
				name: c.name,
				nameLatin: c.name_latin,
				dietary: c.dietary,
				isGeneralManager: false
			}))
		];
	});
}
