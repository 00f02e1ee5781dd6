import type { Executor } from '../db';
import type { Gathering } from '../db/schema';
import { loadScheduleCheck } from './dashboard';
import { generatedMapUrl, scheduleProbeSchema } from './schema';
import { localToUtcIso, utcIsoToLocal } from './zoned';

/** A stored gathering as the strings its form shows (times on the wall of its own time zone). */
export function gatheringFormValues(g: Gathering): Record<string, string> {
	const zone = g.time_zone;
	return {
		title_zh: g.title_zh,
		title_en: g.title_en === g.title_zh ? '' : g.title_en,
		description_zh: g.description_zh,
		description_en: g.description_en,
		venue_name: g.venue_name,
		venue_address: g.venue_address,
		// A link made from the address is not shown, so it follows the address when that changes.
		map_url: g.map_url && g.map_url !== generatedMapUrl(g.venue_address) ? g.map_url : '',
		time_zone: zone,
		starts_local: utcIsoToLocal(g.starts_at, zone),
		ends_local: utcIsoToLocal(g.ends_at, zone),
		rsvp_deadline_local: utcIsoToLocal(g.rsvp_deadline, zone),
		capacity: g.capacity === null ? '' : String(g.capacity),
		companions_allowed: String(g.companions_allowed),
		dress_code: g.dress_code ?? '',
		bring_notes: g.bring_notes ?? '',
		host_name: g.host_name ?? '',
		host_phone: g.host_phone ?? '',
		host_email: g.host_email ?? '',
		venue_name_en: g.venue_name_en ?? '',
		venue_address_en: g.venue_address_en ?? '',
		dress_code_en: g.dress_code_en ?? '',
		bring_notes_en: g.bring_notes_en ?? '',
		host_name_en: g.host_name_en ?? '',
		reminder_days_before: g.reminder_days_before === null ? '' : String(g.reminder_days_before)
	};
}

/** The scheduling check for the time typed into a form (not yet saved); null while incomplete. */
export async function probeSchedule(
	db: Executor,
	gatheringId: number | null,
	raw: Record<string, unknown>
) {
	const parsed = scheduleProbeSchema.safeParse(raw);
	if (!parsed.success) {
		return null;
	}
	const { time_zone, starts_local, ends_local } = parsed.data;
	const starts_at = localToUtcIso(starts_local, time_zone);
	const ends_at = localToUtcIso(ends_local, time_zone);
	if (!starts_at || !ends_at) {
		return null;
	}
	return loadScheduleCheck(db, gatheringId, { starts_at, ends_at, time_zone });
}
