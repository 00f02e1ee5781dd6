import { sql } from 'kysely';
import type { Executor } from '../db';
import type { InviteeRole, Locale } from '../db/schema';
import { byInvitee, listCompanions } from './companions';

/**
 * Who is coming, written once: a guest who accepted (by link, phone, staff or at the door), and
 * our own people (executives, staff) unless marked absent (declined). Our people are hosts: they
 * are never invited, so they never answer.
 */
export const isAttending = sql<boolean>`(i.status = 'accepted' or (i.role != 'guest' and i.status != 'declined'))`;

/**
 * Came without an invitation and was registered at the door. An invited guest who turns up
 * without having answered is accepted at the door too, but was invited: not a walk-in.
 */
export const isWalkIn = sql<boolean>`(i.answer_source = 'walk_in' and i.invited_at is null)`;

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
	const rows = await db
		.selectFrom('invitee as i')
		.leftJoin('contact as c', 'c.id', 'i.contact_id')
		.leftJoin('account as a', 'a.id', 'c.account_id')
		.leftJoin('staff_member as s', 's.id', 'i.staff_member_id')
		.leftJoin('user as su', 'su.id', 's.user_id')
		.select((eb) => [
			'i.id',
			'i.role',
			'i.tour_language',
			'i.dietary as invitee_dietary',
			'c.dietary as contact_dietary',
			'i.table_number',
			'i.tour_group',
			eb.fn.coalesce('c.name', 's.name', 'i.walk_in_name').as('name'),
			eb.fn.coalesce('c.name_latin', 's.name_latin', 'i.walk_in_name_latin').as('name_latin'),
			'a.id as account_id',
			eb.fn.coalesce('a.name', 'i.walk_in_company').as('account_name'),
			sql<Locale>`coalesce(${sql.ref('c.locale')}, ${sql.ref('su.locale')}, 'zh-CN')`.as('locale'),
			sql<number>`coalesce(${sql.ref('s.is_general_manager')}, 0)`.as('gm')
		])
		.where('i.gathering_id', '=', gatheringId)
		.where(isAttending)
		.orderBy('i.id')
		.execute();
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
