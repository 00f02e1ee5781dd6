/**
 * Wall-clock time in a named time zone ↔ UTC instants, through Intl only (the zone database
 * knows the offsets and their changes; nothing here hard-codes one). Pure.
 */

import { isTimeZone } from '../time';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

export { isTimeZone };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			weekday: 'short'
		});
		formatters.set(timeZone, f);
	}
	return f;
}

export interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	/** ISO weekday: 1 = Monday … 7 = Sunday. */
	weekday: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** What a clock on the wall in `timeZone` shows at instant `ms`. */
export function wallClock(ms: number, timeZone: string): WallClock {
	const parts = Object.fromEntries(
		formatter(timeZone)
			.formatToParts(new Date(ms))
			.map((p) => [p.type, p.value])
	);
	return {
		year: Number(parts.year),
		month: Number(parts.month),
		day: Number(parts.day),
		hour: Number(parts.hour),
		minute: Number(parts.minute),
		weekday: WEEKDAYS[parts.weekday] ?? 0
	};
}

/** The zone's offset from UTC at instant `ms`, in ms, as Intl reports it. */
function offsetAt(ms: number, timeZone: string): number {
	const w = wallClock(ms, timeZone);
	const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
	return asUtc - Math.floor(ms / 60_000) * 60_000;
}

/**
 * The instants at which the wall clock in `timeZone` shows the given date and time, earliest
 * first: one on an ordinary day, two in an autumn overlap, none in a spring-forward gap.
 */
function instantsShowing(
	year: number,
	month: number,
	day: number,
	hour: number,
	minute: number,
	timeZone: string
): { instants: number[]; before: number } {
	const guess = Date.UTC(year, month - 1, day, hour, minute);
	// The offsets a day either side bracket any change on this day (zones change at most once a day).
	const before = guess - offsetAt(guess - 86_400_000, timeZone);
	const after = guess - offsetAt(guess + 86_400_000, timeZone);
	const shows = (ms: number) => {
		const w = wallClock(ms, timeZone);
		return (
			w.year === year &&
			w.month === month &&
			w.day === day &&
			w.hour === hour &&
			w.minute === minute
		);
	};
	const instants = [...new Set([before, after])].filter(shows).sort((a, b) => a - b);
	return { instants, before };
}

/**
 * The instant at which the wall clock in `timeZone` shows the given date and time. In a spring-
 * forward gap the time is taken with the offset before the change (02:30 → 03:30); in an autumn
 * overlap the earlier instant wins. For working hours and the like; what people type for a
 * gathering goes through `parseLocalTime`, which refuses a time in a gap.
 */
export function zonedToUtcMs(
	year: number,
	month: number,
	day: number,
	hour: number,
	minute: number,
	timeZone: string
): number {
	const { instants, before } = instantsShowing(year, month, day, hour, minute, timeZone);
	return instants[0] ?? before;
}

/**
 * Whether the wall-clock time the zone shows at `ms` is shown twice that night (the autumn
 * overlap), and the UTC offset in force at `ms`, e.g. 'UTC−04:00'. Gala takes the earlier of two
 * such instants (see parseLocalTime); the scheduling check says so.
 */
export function repeatedWallTime(ms: number, timeZone: string): { offset: string } | null {
	const w = wallClock(ms, timeZone);
	const { instants } = instantsShowing(w.year, w.month, w.day, w.hour, w.minute, timeZone);
	if (instants.length < 2) {
		return null;
	}
	const minutes = Math.round(offsetAt(ms, timeZone) / 60_000);
	const sign = minutes < 0 ? '−' : '+';
	const abs = Math.abs(minutes);
	return { offset: `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}` };
}

export type LocalTime =
	| { ok: true; iso: string }
	/** 'invalid': not a date and time (or an unknown zone); 'gap': skipped by a daylight-saving change. */
	| { ok: false; reason: 'invalid' | 'gap' };

/**
 * 'YYYY-MM-DDTHH:MM' (what `<input type="datetime-local">` sends) in `timeZone` → UTC ISO.
 * A time the clocks skip (02:30 on the spring-forward day in New York) is refused, never moved:
 * moving it silently changed an event's length. A time the clocks show twice (01:30 on the
 * fall-back day) is the earlier one, the first time that night the clock shows it.
 */
export function parseLocalTime(local: string, timeZone: string): LocalTime {
	const match = LOCAL.exec(local.trim());
	if (!match || !isTimeZone(timeZone)) {
		return { ok: false, reason: 'invalid' };
	}
	const [year, month, day, hour, minute] = match.slice(1).map(Number);
	if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) {
		return { ok: false, reason: 'invalid' };
	}
	// Reject 31 February and friends instead of letting Date roll them over.
	const probe = new Date(Date.UTC(year, month - 1, day));
	if (probe.getUTCMonth() !== month - 1) {
		return { ok: false, reason: 'invalid' };
	}
	const { instants } = instantsShowing(year, month, day, hour, minute, timeZone);
	if (instants.length === 0) {
		return { ok: false, reason: 'gap' };
	}
	return { ok: true, iso: new Date(instants[0]).toISOString() };
}

/** As `parseLocalTime`, null for anything it refuses. */
export function localToUtcIso(local: string, timeZone: string): string | null {
	const parsed = parseLocalTime(local, timeZone);
	return parsed.ok ? parsed.iso : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** UTC ISO → 'YYYY-MM-DDTHH:MM' on the wall in `timeZone` (for datetime-local inputs). */
export function utcIsoToLocal(iso: string | null | undefined, timeZone: string): string {
	if (!iso) {
		return '';
	}
	const w = wallClock(Date.parse(iso), timeZone);
	return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** The local calendar date 'YYYY-MM-DD' in `timeZone` at instant `ms`. */
export function localDate(ms: number, timeZone: string): string {
	const w = wallClock(ms, timeZone);
	return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}
