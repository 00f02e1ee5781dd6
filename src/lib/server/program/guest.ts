import type { Executor } from '../db';
import { guestAgenda, type AgendaLine } from './agenda';
import { toursOf, type GuestTour } from './tours';
import { seatOfInvitee } from './seating';
import { inviteeKey } from '$lib/domain/program/people';

export interface GuestProgramme {
	agenda: AgendaLine[];
	/** Their own group in each tour item (title, group, start), once accepted and assigned. */
	tours: GuestTour[];
	/** Their own table and seat, once accepted and seated. */
	seat: { table: string; seat: number } | null;
}

/** What one guest sees of the programme on their RSVP page, in their language. */
export async function guestProgramme(
	db: Executor,
	who: { gatheringId: number; timeZone: string; inviteeId: number; accepted: boolean },
	locale: 'zh-CN' | 'en'
): Promise<GuestProgramme> {
	const agenda = await guestAgenda(db, who.gatheringId, who.timeZone, locale);
	if (!who.accepted) {
		return { agenda, tours: [], seat: null };
	}
	const key = inviteeKey(who.inviteeId);
	return {
		agenda,
		tours: await toursOf(db, who.gatheringId, key, who.timeZone, locale),
		seat: await seatOfInvitee(db, who.gatheringId, who.inviteeId)
	};
}
