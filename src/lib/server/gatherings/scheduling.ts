/**
 * The scheduling check: does a proposed time clash with the invitees' working hours, with their
 * other gatherings, or with a Chinese public holiday? Pure: the caller loads the people and their
 * other gatherings; this only does the maths. It warns; nothing here blocks a save.
 */
import type { ScheduleCheck } from '$lib/domain/schedule';
import { chinaDay, followsChinaCalendar, hasOfficialCalendar } from './holidays';
import { localDate, repeatedWallTime, utcIsoToLocal, zonedToUtcMs } from './zoned';

export interface SchedulePerson {
	inviteeId: number;
	name: string;
	timeZone: string;
	/** ISO weekdays, '1,2,3,4,5'. */
	workingDays: string;
	/** 'HH:MM' local. */
	workStart: string;
	workEnd: string;
}

/** The same person on another gathering's list (any time; the overlap is decided here). */
export interface OtherListing {
	inviteeId: number;
	name: string;
	gatheringId: number;
	title: string;
	startsAt: string;
	endsAt: string;
}

export type { ScheduleCheck };

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MAX_DAYS = 14;

function addDays(date: string, n: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

/** The local calendar dates an interval touches in a zone, capped so a typo cannot loop long. */
export function datesCovered(startMs: number, endMs: number, timeZone: string): string[] {
	const last = localDate(Math.max(startMs, endMs - 1), timeZone);
	const dates = [localDate(startMs, timeZone)];
	while (dates[dates.length - 1] < last && dates.length < MAX_DAYS) {
		dates.push(addDays(dates[dates.length - 1], 1));
	}
	return dates;
}

function isWorkingDay(date: string, person: SchedulePerson, days: Set<number>): boolean {
	if (followsChinaCalendar(person.timeZone)) {
		const kind = chinaDay(date).kind;
		if (kind === 'holiday') {
			return false;
		}
		if (kind === 'adjusted_workday') {
			return true;
		}
	}
	const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
	return days.has(weekday);
}

/** Whether [startMs, endMs) overlaps the person's working hours on any local day it touches. */
export function duringWorkingHours(
	person: SchedulePerson,
	startMs: number,
	endMs: number
): boolean {
	const ws = HHMM.exec(person.workStart);
	const we = HHMM.exec(person.workEnd);
	if (!ws || !we) {
		return false;
	}
	const days = new Set(
		person.workingDays
			.split(',')
			.map((d) => Number(d.trim()))
			.filter((d) => d >= 1 && d <= 7)
	);
	for (const date of datesCovered(startMs, endMs, person.timeZone)) {
		if (!isWorkingDay(date, person, days)) {
			continue;
		}
		const [y, m, d] = date.split('-').map(Number);
		const from = zonedToUtcMs(y, m, d, Number(ws[1]), Number(ws[2]), person.timeZone);
		const to = zonedToUtcMs(y, m, d, Number(we[1]), Number(we[2]), person.timeZone);
		if (from < endMs && startMs < to) {
			return true;
		}
	}
	return false;
}

export function checkSchedule(input: {
	startsAt: string;
	endsAt: string;
	timeZone: string;
	people: SchedulePerson[];
	others: OtherListing[];
}): ScheduleCheck {
	const start = Date.parse(input.startsAt);
	const end = Date.parse(input.endsAt);
	if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) {
		return {
			considered: 0,
			duringWork: [],
			startsAt: input.startsAt,
			overlaps: [],
			days: [],
			repeated: [],
			unpublishedYears: []
		};
	}
	const duringWork = input.people
		.filter((p) => duringWorkingHours(p, start, end))
		.map((p) => ({
			inviteeId: p.inviteeId,
			name: p.name,
			timeZone: p.timeZone
		}));
	const overlaps = input.others
		.filter((o) => Date.parse(o.startsAt) < end && start < Date.parse(o.endsAt))
		.map((o) => ({
			inviteeId: o.inviteeId,
			name: o.name,
			gatheringId: o.gatheringId,
			title: o.title
		}));
	const dates = datesCovered(start, end, input.timeZone);
	const days = dates
		.map((d) => chinaDay(d))
		.filter((d) => d.kind === 'holiday' || d.kind === 'adjusted_workday');
	const repeated = (['start', 'end'] as const).flatMap((which) => {
		const ms = which === 'start' ? start : end;
		const twice = repeatedWallTime(ms, input.timeZone);
		const local = utcIsoToLocal(new Date(ms).toISOString(), input.timeZone).replace('T', ' ');
		return twice ? [{ which, local, offset: twice.offset }] : [];
	});
	const unpublishedYears = [...new Set(dates.map((d) => Number(d.slice(0, 4))))].filter(
		(y) => !hasOfficialCalendar(y)
	);
	return {
		considered: input.people.length,
		duringWork,
		startsAt: input.startsAt,
		overlaps,
		days,
		repeated,
		unpublishedYears
	};
}
