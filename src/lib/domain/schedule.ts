// What the scheduling check found, as the server computes it (`$lib/server/gatherings/scheduling.ts`,
// `holidays.ts`) and the gathering form shows it.

/** What the Chinese State Council calendar says about a date. */
export type ChinaDayKind = 'holiday' | 'adjusted_workday' | 'workday' | 'weekend';

export interface ChinaDay {
	date: string;
	kind: ChinaDayKind;
	/** The festival, e.g. { zh: '国庆节', en: 'National Day' }, for holidays and adjusted days. */
	festival: { zh: string; en: string } | null;
	/**
	 * True when the year's official calendar is not in the bundled data: the day is a statutory
	 * festival day computed from the law (and the lunar calendar), and the year's adjusted working
	 * days (调休) are not yet published, so neighbouring days may still change.
	 */
	provisional: boolean;
}

export interface ScheduleCheck {
	/** Invitees whose working hours could be judged (contacts; the host's own people are not). */
	considered: number;
	/** Those for whom the gathering falls (at least partly) inside their working hours. */
	duringWork: { inviteeId: number; name: string; timeZone: string }[];
	/** The start checked (UTC ISO); pages show it on each person's clock in their language. */
	startsAt: string;
	/** Those also on another gathering's list at an overlapping time. */
	overlaps: { inviteeId: number; name: string; gatheringId: number; title: string }[];
	/** Chinese holidays and adjusted working days on the gathering's local dates. */
	days: ChinaDay[];
	/**
	 * Start or end at a wall-clock time shown twice that night (clocks going back): Gala took the
	 * earlier one, at this UTC offset; the check says so.
	 */
	repeated: { which: 'start' | 'end'; local: string; offset: string }[];
	/**
	 * Years the gathering touches whose official holiday calendar is not yet published: their
	 * festival days are computed from the law, and their adjusted working days are unknown.
	 */
	unpublishedYears: number[];
}
