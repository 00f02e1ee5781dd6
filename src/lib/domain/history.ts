import { m } from '$lib/paraglide/messages';

// History entries as sentences in the page's language, with the names of who did what
// ("王伟 通过邀请链接确认出席", "刘洋 记录电话：无人接听（王伟）"). An explicit kind → message map:
// every action has its own typed message, so a missing translation fails the build, and no
// internal code such as `invitee.checked_in` reaches a page.

export interface HistoryEntry {
	action: string;
	/** JSON object as stored. */
	details: string;
	user_name: string | null;
}

type Locale = 'zh-CN' | 'en';
type Details = Record<string, unknown>;
type Sentence = (d: Details, who: string, name: string, o: { locale?: Locale }) => string;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

const OUTCOMES: Record<string, (o: { locale?: Locale }) => string> = {
	confirmed: (o) => m.guests_outcome_confirmed({}, o),
	declined: (o) => m.guests_outcome_declined({}, o),
	no_answer: (o) => m.guests_outcome_no_answer({}, o),
	call_back: (o) => m.guests_outcome_call_back({}, o)
};

/** invitee.answered, by how the answer came and what it was. */
const ANSWERS: Record<string, Record<'accepted' | 'declined', Sentence>> = {
	link: {
		accepted: (_d, _w, name, o) => m.guests_history_link_accepted({ name }, o),
		declined: (_d, _w, name, o) => m.guests_history_link_declined({ name }, o)
	},
	phone: {
		accepted: (_d, who, name, o) => m.guests_history_phone_accepted({ name, who }, o),
		declined: (_d, who, name, o) => m.guests_history_phone_declined({ name, who }, o)
	},
	staff: {
		accepted: (_d, who, name, o) => m.guests_history_staff_accepted({ name, who }, o),
		declined: (_d, who, name, o) => m.guests_history_staff_declined({ name, who }, o)
	},
	walk_in: {
		accepted: (_d, _w, name, o) => m.guests_history_walk_in({ name }, o),
		declined: (_d, _w, name, o) => m.guests_history_walk_in({ name }, o)
	}
};

export const HISTORY_SENTENCES: Record<string, Sentence> = {
	'invitee.added': (_d, who, name, o) => m.guests_history_added({ name, who }, o),
	'invitee.removed': (_d, who, name, o) => m.guests_history_removed({ name, who }, o),
	'invitee.updated': (_d, who, name, o) => m.guests_history_updated({ name, who }, o),
	'invitee.invited': (_d, who, name, o) => m.guests_history_invited({ name, who }, o),
	'invitee.reinvited': (_d, who, name, o) => m.guests_history_reinvited({ name, who }, o),
	'invitee.reminded': (d, who, name, o) =>
		d.automatic === true
			? m.guests_history_reminded_auto({ name }, o)
			: m.guests_history_reminded({ name, who }, o),
	'invitee.notified': (_d, who, name, o) => m.guests_history_notified({ name, who }, o),
	'invitee.answered': (d, who, name, o) => {
		const status = d.status === 'declined' ? 'declined' : 'accepted';
		return (ANSWERS[str(d.source)] ?? ANSWERS.staff)[status](d, who, name, o);
	},
	'invitee.answer_cleared': (_d, who, name, o) => m.guests_history_cleared({ name, who }, o),
	'invitee.marked_absent': (_d, who, name, o) => m.guests_history_absent({ name, who }, o),
	'invitee.marked_present': (_d, who, name, o) => m.guests_history_present({ name, who }, o),
	'call.logged': (d, who, name, o) =>
		m
			.guests_history_call(
				{
					who,
					name,
					outcome: (OUTCOMES[str(d.outcome)] ?? OUTCOMES.call_back)(o),
					note: str(d.note) ? `“${str(d.note)}”` : ''
				},
				o
			)
			.trim(),
	'invitee.checked_in': (_d, who, name, o) => m.guests_history_checked_in({ name, who }, o),
	'invitee.check_in_undone': (_d, who, name, o) =>
		m.guests_history_check_in_undone({ name, who }, o),
	'invitee.walked_in': (_d, who, name, o) => m.guests_history_walked_in({ name, who }, o),
	'invitee.companions_arrived': (d, who, name, o) =>
		m.guests_history_companions_arrived({ name, who, count: Number(d.to ?? 0) }, o),
	'invitee.companion_arrived': (d, who, name, o) =>
		d.arrived === false
			? m.guests_history_companion_undone(
					{ name, who, companion: str(d.companion) || `#${String(d.position ?? '')}` },
					o
				)
			: m.guests_history_companion_arrived(
					{ name, who, companion: str(d.companion) || `#${String(d.position ?? '')}` },
					o
				),
	'invitee.pack_handed': (d, who, name, o) =>
		d.handed === false
			? m.guests_history_pack_taken_back({ name, who }, o)
			: m.guests_history_pack_handed({ name, who }, o),
	'gathering.update_sent': (d, who, _n, o) =>
		m.guests_history_update_sent({ who, count: Number(d.sent ?? 0) }, o),
	'badges.printed': (d, who, _n, o) =>
		m.guests_history_badges_printed({ who, count: Number(d.count ?? 0) }, o)
};

function parseDetails(json: string): Details {
	try {
		const parsed: unknown = JSON.parse(json);
		return parsed && typeof parsed === 'object' ? (parsed as Details) : {};
	} catch {
		return {};
	}
}

/**
 * A history entry as one sentence, or null for an action this map does not describe (account
 * and contact changes have their own labels). A guest's own answer names the guest, not
 * "system": nobody signed in did it.
 */
export function describeActivity(entry: HistoryEntry, locale?: Locale): string | null {
	const sentence = HISTORY_SENTENCES[entry.action];
	if (!sentence) {
		return null;
	}
	const details = parseDetails(entry.details);
	const o = locale ? { locale } : {};
	const name = str(details.name) || m.guests_history_someone({}, o);
	const who = entry.user_name ?? m.guests_history_nobody({}, o);
	return sentence(details, who, name, o);
}

/** Who did it, for a line that shows it apart: a staff member, or the guest by their link. */
export function actorOf(entry: HistoryEntry, locale?: Locale): string {
	const o = locale ? { locale } : {};
	if (entry.user_name) {
		return entry.user_name;
	}
	return entry.action === 'invitee.answered'
		? m.guests_history_guest_by_link({}, o)
		: m.guests_history_nobody({}, o);
}
