export function nowIso(): string {
	return new Date().toISOString();
}

export function addMs(iso: string, ms: number): string {
	return new Date(Date.parse(iso) + ms).toISOString();
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Today's calendar date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(now);
}

const knownZones = new Map<string, boolean>();

/** Whether Intl knows the zone; remembered, since a 10,000-row import asks the same few. */
export function isTimeZone(zone: string): boolean {
	let known = knownZones.get(zone);
	if (known === undefined) {
		try {
			new Intl.DateTimeFormat('en', { timeZone: zone });
			known = zone.length > 0;
		} catch {
			known = false;
		}
		if (knownZones.size < 1000) {
			knownZones.set(zone, known);
		}
	}
	return known;
}
