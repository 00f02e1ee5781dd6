/**
 * The banquet's running order (晚宴程序): segment kinds, DOMAIN.md's standard order, and the
 * arithmetic of start times, over/under-run and "running late by N minutes". Pure; times are
 * epoch milliseconds.
 */
import { MINUTE_MS } from './agenda';

export const SEGMENT_KINDS = [
	'welcome',
	'gm_speech',
	'guest_speech',
	'mc_introductions',
	'self_introductions',
	'toast',
	'performance',
	'dinner',
	'closing',
	'other'
] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

/** Who takes each standard segment: the sales manager, the general manager, the designated guest, the MC. */
export type SegmentSpeaker = 'sales_manager' | 'general_manager' | 'designated_guest' | 'none';

export const STANDARD_ORDER: { kind: SegmentKind; minutes: number; speaker: SegmentSpeaker }[] = [
	{ kind: 'welcome', minutes: 5, speaker: 'sales_manager' },
	{ kind: 'gm_speech', minutes: 8, speaker: 'general_manager' },
	{ kind: 'guest_speech', minutes: 5, speaker: 'designated_guest' },
	{ kind: 'mc_introductions', minutes: 10, speaker: 'none' },
	{ kind: 'self_introductions', minutes: 15, speaker: 'none' },
	{ kind: 'toast', minutes: 5, speaker: 'general_manager' },
	{ kind: 'dinner', minutes: 60, speaker: 'none' },
	{ kind: 'performance', minutes: 15, speaker: 'none' },
	{ kind: 'closing', minutes: 5, speaker: 'sales_manager' }
];

export interface TimedSegment {
	/** Start and end as planned (from the banquet's start and the planned minutes). */
	plannedStart: number;
	plannedEnd: number;
	/** Start and end after "running late" moved them. */
	start: number;
	end: number;
}

/**
 * Times for segments of the given minutes from `start`. Running late by `lateMinutes`, declared
 * at `lateAt`: the segment under way then ends that much later, and every later one starts and
 * ends that much later; the ones already over keep their times.
 */
export function runningOrder(
	start: number,
	minutes: number[],
	late: { minutes: number; at: number } = { minutes: 0, at: start }
): TimedSegment[] {
	const shift = late.minutes * MINUTE_MS;
	let at = start;
	return minutes.map((m) => {
		const plannedStart = at;
		const plannedEnd = at + m * MINUTE_MS;
		at = plannedEnd;
		return {
			plannedStart,
			plannedEnd,
			start: plannedStart >= late.at ? plannedStart + shift : plannedStart,
			end: plannedEnd > late.at ? plannedEnd + shift : plannedEnd
		};
	});
}

/** Minutes the order runs over (positive) or under (negative) the banquet's planned end. */
export function overrun(segments: TimedSegment[], start: number, plannedEnd: number): number {
	const end = segments.length > 0 ? segments[segments.length - 1].end : start;
	return Math.round((end - plannedEnd) / MINUTE_MS);
}

/** The segment under way at `now` and the one after it (indexes), as the MC's phone shows them. */
export function nowAndNext(
	segments: TimedSegment[],
	now: number
): { now: number | null; next: number | null } {
	const current = segments.findIndex((s) => s.start <= now && now < s.end);
	if (current >= 0) {
		return { now: current, next: current + 1 < segments.length ? current + 1 : null };
	}
	const upcoming = segments.findIndex((s) => s.start > now);
	return { now: null, next: upcoming >= 0 ? upcoming : null };
}

export interface IntroPerson {
	name: string;
	nameLatin: string | null;
	title: string | null;
	titleEn: string | null;
	company: string | null;
	companyEn: string | null;
}

/** The line the MC says for a person: ours by title (DOMAIN.md), guests by company, title and name. */
export function introLine(p: IntroPerson, locale: 'zh-CN' | 'en', ours: boolean): string {
	if (locale === 'en') {
		const name = p.nameLatin || p.name;
		const title = p.titleEn || p.title;
		if (ours) {
			return title ? `This is ${name}, our ${title}.` : `This is ${name}, from our company.`;
		}
		const company = p.companyEn || p.company;
		return `${name}${title ? `, ${title}` : ''}${company ? ` of ${company}` : ''}.`;
	}
	if (ours) {
		return p.title ? `这位是我们公司的${p.title}${p.name}。` : `这位是我们公司的${p.name}。`;
	}
	return `${p.company ?? ''}${p.title ?? ''}${p.name}。`;
}
