import { fail, redirect } from '@sveltejs/kit';
import { issueMessage, t } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { formToObject } from '$lib/server/forms';
import type { Locale } from '$lib/server/db/schema';
import { answerAsGuest, openGuestToken } from '$lib/server/rsvp/access';
import { rsvpAnswerSchema } from '$lib/server/rsvp/service';
import { addToCalendarLinks } from '$lib/server/calendar/ics';
import { detailIn } from '$lib/domain/details';
import { formatLocalTimeRange, formatTimeRange, formatZonedInstant } from '$lib/format';
import { mapLink } from '$lib/server/invitations/format';
import { personalIcsUrl } from '$lib/server/invitations/mailing';
import { guestProgramme } from '$lib/server/program/guest';
import type { Actions, PageServerLoad } from './$types';

const COMPANION_FIELDS = ['companion_name', 'companion_name_latin', 'companion_dietary'];

/** The page's companion rows (three parallel lists) as one entry per row. */
function companionRows(raw: Record<string, string | string[]>) {
	const list = (key: string) => (Array.isArray(raw[key]) ? (raw[key] as string[]) : []);
	const [names, latin, dietary] = COMPANION_FIELDS.map(list);
	return names.slice(0, 50).map((name, i) => ({
		name,
		name_latin: latin[i] ?? '',
		dietary: dietary[i] ?? ''
	}));
}

/** ?lang= wins (the page's switch); otherwise the guest's own language from the directory. */
function pickLocale(url: URL, fallback: Locale): Locale {
	const lang = url.searchParams.get('lang');
	return lang === 'en' || lang === 'zh-CN' ? lang : fallback;
}

export const load = (async ({ params, url, getClientAddress, setHeaders }) => {
	const view = await openGuestToken(getDb(), params.token, getClientAddress());
	const g = view.gathering;
	const locale = pickLocale(url, view.locale);
	const en = locale === 'en';
	setHeaders({ 'Cache-Control': 'private, no-store' });
	return {
		locale,
		name: view.salutation || view.name,
		gathering: {
			title: en ? g.title_en || g.title_zh : g.title_zh || g.title_en,
			description: en ? g.description_en || g.description_zh : g.description_zh || g.description_en,
			when: formatTimeRange(g.starts_at, g.ends_at, g.time_zone, locale),
			localWhen: formatLocalTimeRange(
				g.starts_at,
				g.ends_at,
				g.time_zone,
				view.row.time_zone,
				locale
			),
			deadline: g.rsvp_deadline ? formatZonedInstant(g.rsvp_deadline, g.time_zone, locale) : null,
			venueName: detailIn(g, 'venue_name', locale),
			venueAddress: detailIn(g, 'venue_address', locale),
			mapUrl: mapLink(g.map_url, g.venue_address || g.venue_name, locale),
			dressCode: detailIn(g, 'dress_code', locale),
			bringNotes: detailIn(g, 'bring_notes', locale),
			hostName: detailIn(g, 'host_name', locale),
			hostPhone: g.host_phone,
			hostEmail: g.host_email,
			companionsAllowed: g.companions_allowed
		},
		answer: {
			status: view.answer.status,
			companions: view.companions.map((c) => ({
				name: c.name,
				name_latin: c.name_latin ?? '',
				dietary: c.dietary ?? ''
			})),
			dietary: view.answer.dietary ?? '',
			tourLanguage: view.answer.tour_language ?? '',
			arrivalDetails: view.answer.arrival_details ?? '',
			messageToHost: view.answer.message_to_host ?? ''
		},
		open: view.open,
		phase: view.phase,
		done: url.searchParams.has('done'),
		calendar: addToCalendarLinks(g, locale, `${personalIcsUrl(params.token)}?lang=${locale}`),
		materials: view.materials,
		programme: await guestProgramme(
			getDb(),
			{
				gatheringId: g.id,
				timeZone: g.time_zone,
				inviteeId: view.inviteeId,
				accepted: view.answer.status === 'accepted'
			},
			locale
		)
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ params, request, url, getClientAddress }) => {
		const db = getDb();
		const address = getClientAddress();
		const lang = url.searchParams.get('lang');
		const raw = formToObject(await request.formData(), COMPANION_FIELDS);
		// The page sends the language it was shown in, so errors come back in the same one.
		const locale: Locale = raw.shown_in === 'en' || lang === 'en' ? 'en' : 'zh-CN';
		const companions = companionRows(raw);
		// Without JavaScript the "add" and "remove" buttons submit the form: show it again with
		// one row more or less, saving nothing.
		const intent = String(raw.intent ?? '');
		if (intent === 'add' || intent.startsWith('remove:')) {
			const rows =
				intent === 'add'
					? [...companions, { name: '', name_latin: '', dietary: '' }]
					: companions.filter((_, i) => `remove:${i}` !== intent);
			return fail(400, { values: { ...raw, companions: rows }, errors: {}, message: '' });
		}
		const parsed = rsvpAnswerSchema.safeParse({ ...raw, companions });
		if (!parsed.success) {
			const errors: Record<string, string> = {};
			for (const issue of parsed.error.issues) {
				errors[String(issue.path[0] ?? '_form')] ??= issueMessage(issue.message, {}, locale);
			}
			return fail(400, {
				values: { ...raw, companions },
				errors,
				message: m.error_form({}, { locale })
			});
		}
		try {
			// Throttle, token and answer in one go (answerAsGuest refuses wrong tokens itself).
			await answerAsGuest(db, params.token, parsed.data, address);
		} catch (err) {
			if (err instanceof DomainError) {
				return fail(err.status, {
					values: { ...raw, companions },
					errors: {},
					message: t(err.messageKey, err.params, locale)
				});
			}
			throw err;
		}
		const keep = lang === 'en' || lang === 'zh-CN' ? `&lang=${lang}` : '';
		redirect(303, `/rsvp/${params.token}?done=1${keep}`);
	}
} satisfies Actions;
