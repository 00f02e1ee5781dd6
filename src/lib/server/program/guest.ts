import type { Executor } from '../db';
import type { Locale } from '../db/schema';
import { m } from '$lib/paraglide/messages';
import { agendaFor, renderPersonalIcs, type CalendarGathering } from '../calendar/ics';
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

type GuestPlace = Pick<GuestProgramme, 'tours' | 'seat'>;

async function guestPlace(
	db: Executor,
	who: { gatheringId: number; timeZone: string; inviteeId: number; accepted: boolean },
	locale: Locale
): Promise<GuestPlace> {
	if (!who.accepted) {
		return { tours: [], seat: null };
	}
	const key = inviteeKey(who.inviteeId);
	return {
		tours: await toursOf(db, who.gatheringId, key, who.timeZone, locale),
		seat: await seatOfInvitee(db, who.gatheringId, who.inviteeId)
	};
}

/** What one guest sees of the programme on their RSVP page, in their language. */
export async function guestProgramme(
	db: Executor,
	who: { gatheringId: number; timeZone: string; inviteeId: number; accepted: boolean },
	locale: Locale
): Promise<GuestProgramme> {
	const agenda = await guestAgenda(db, who.gatheringId, who.timeZone, locale);
	return { agenda, ...(await guestPlace(db, who, locale)) };
}

/** "Your place" with a line per tour group and one for the table, as the RSVP page says it. */
export function placeText(place: GuestPlace, locale: Locale): string {
	const lines = place.tours.map((tour) =>
		place.tours.length > 1
			? m.program_your_tour_item(
					{ title: tour.title, group: tour.group, time: tour.start },
					{ locale }
				)
			: m.program_your_tour({ group: tour.group, time: tour.start }, { locale })
	);
	if (place.seat) {
		lines.push(m.program_your_table_name({ ...place.seat }, { locale }));
	}
	return lines.length === 0 ? '' : [m.program_your_place({}, { locale }), ...lines].join('\n');
}

/**
 * The guest's personal calendar entry: the agenda headed by their own tour groups (with start
 * times) and table and seat, in the language asked for, once they have accepted.
 */
export async function guestIcs(
	db: Executor,
	g: CalendarGathering & { id: number; time_zone: string },
	who: { inviteeId: number; accepted: boolean },
	locale: Locale,
	rsvpUrl: string
): Promise<string> {
	const place = await guestPlace(
		db,
		{ gatheringId: g.id, timeZone: g.time_zone, inviteeId: who.inviteeId, accepted: who.accepted },
		locale
	);
	const own = placeText(place, locale);
	const agenda = [own, agendaFor(g, locale)].filter(Boolean).join('\n\n');
	return renderPersonalIcs(
		own ? { ...g, agenda_zh: agenda, agenda_en: agenda } : g,
		who.inviteeId,
		locale,
		rsvpUrl
	);
}
