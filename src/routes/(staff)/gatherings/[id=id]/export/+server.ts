import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { orHttpError } from '$lib/server/http/domain-error';
import { attendeeCsv } from '$lib/server/gatherings/csv';
import { loadAttendeeExport } from '$lib/server/gatherings/attendees';
import { tourLanguageLabel } from '$lib/domain/guest-details';
import { utcIsoToLocal } from '$lib/server/gatherings/zoned';
import { roleLabel, sourceLabel } from '../../new/labels';
import type { RequestHandler } from './$types';

/** The attendee list (accepted people) as CSV for Excel/WPS, in the staff member's language. */
export const GET: RequestHandler = async ({ params }) => {
	const { gathering, rows } = await orHttpError(loadAttendeeExport(getDb(), Number(params.id)));
	const csv = attendeeCsv(
		{
			name: m.gatherings_csv_name(),
			nameLatin: m.gatherings_csv_name_latin(),
			company: m.gatherings_csv_company(),
			title: m.gatherings_csv_title(),
			role: m.gatherings_csv_role(),
			email: m.gatherings_csv_email(),
			phone: m.gatherings_csv_phone(),
			companions: m.gatherings_csv_companions(),
			companionNames: m.gatherings_csv_companion_names(),
			dietary: m.gatherings_csv_dietary(),
			tourLanguage: m.guests_tour_language(),
			arrival: m.guests_arrival(),
			message: m.guests_message(),
			source: m.gatherings_csv_source(),
			answeredAt: m.gatherings_csv_answered_at()
		},
		rows.map((r) => ({
			name: r.name,
			name_latin: r.name_latin,
			company: r.company,
			title: r.contact_title ?? r.staff_title,
			role: r.role,
			email: r.contact_email,
			phone: r.contact_phone,
			companions: r.companions,
			dietary: r.dietary,
			tour_language: r.tour_language ? tourLanguageLabel(r.tour_language) : null,
			arrival_details: r.arrival_details,
			message_to_host: r.message_to_host,
			answer_source: r.answer_source ? sourceLabel(r.answer_source) : null,
			// In the gathering's own time zone, as the staff read every other time of it.
			answered_at: r.answered_at
				? utcIsoToLocal(r.answered_at, gathering.time_zone).replace('T', ' ')
				: null
		})),
		roleLabel
	);
	// ASCII fallback for old clients, the titled name (RFC 6266 filename*) for everyone else.
	const filename = `attendees-${gathering.id}.csv`;
	const titled = encodeURIComponent(
		`${m.gatherings_csv_filename({ title: gathering.title_zh })}.csv`
	);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${filename}"; filename*=UTF-8''${titled}`,
			'cache-control': 'no-store'
		}
	});
};
