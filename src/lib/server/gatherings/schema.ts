import { z } from 'zod';
import { optionalEmail, optionalText, requiredText, textProblem, timeZoneField } from '../text';
import type { GatheringStatus, InviteeRole } from '../db/schema';
import { parseLocalTime } from './zoned';

export const gatheringStatuses = [
	'draft',
	'open',
	'closed',
	'done'
] as const satisfies readonly GatheringStatus[];
export const inviteeRoles = [
	'guest',
	'executive',
	'staff'
] as const satisfies readonly InviteeRole[];

/** draft → open → closed → done; a closed gathering may be reopened before it is done. */
export const statusTransitions: Record<GatheringStatus, GatheringStatus[]> = {
	draft: ['open'],
	open: ['closed', 'draft'],
	closed: ['done', 'open'],
	done: []
};

export const MAX_COMPANIONS = 10;

function optionalInt(min: number, max: number, message: string) {
	return z
		.union([z.string(), z.number(), z.null()])
		.optional()
		.transform((v, ctx) => {
			const text = String(v ?? '').trim();
			if (text === '') {
				return null;
			}
			const n = Number(text);
			if (!/^\d+$/.test(text) || n < min || n > max) {
				ctx.addIssue({ code: 'custom', message });
				return z.NEVER;
			}
			return n;
		});
}

const url = z
	.string()
	.trim()
	.max(1000, 'error_too_long')
	.optional()
	.refine((v) => {
		if (!v) {
			return true;
		}
		// The URL parser drops tabs and line breaks; what is stored must not carry them.
		if (textProblem(v)) {
			return false;
		}
		try {
			const u = new URL(v);
			return u.protocol === 'https:' || u.protocol === 'http:';
		} catch {
			return false;
		}
	}, 'error_url')
	.transform((v) => (v ? v : null));

/**
 * The gathering form. Times arrive as wall-clock 'YYYY-MM-DDTHH:MM' in the gathering's own time
 * zone and leave as UTC ISO (`starts_at`, `ends_at`, `rsvp_deadline`).
 */
export const gatheringInputSchema = z
	.object({
		title_zh: requiredText(200),
		title_en: optionalText(200),
		description_zh: optionalText(5000, { multiline: true }),
		description_en: optionalText(5000, { multiline: true }),
		venue_name: optionalText(200),
		venue_address: optionalText(500),
		venue_name_en: optionalText(200),
		venue_address_en: optionalText(500),
		map_url: url,
		time_zone: timeZoneField(),
		starts_local: z.string().trim().min(1, 'error_required'),
		ends_local: z.string().trim().min(1, 'error_required'),
		rsvp_deadline_local: z.string().trim().optional(),
		capacity: optionalInt(1, 100_000, 'gatherings_error_capacity'),
		companions_allowed: optionalInt(0, MAX_COMPANIONS, 'gatherings_error_companions').transform(
			(v) => v ?? 0
		),
		dress_code: optionalText(200),
		bring_notes: optionalText(1000, { multiline: true }),
		host_name: optionalText(100),
		dress_code_en: optionalText(200),
		bring_notes_en: optionalText(1000),
		host_name_en: optionalText(100),
		host_phone: optionalText(50),
		host_email: optionalEmail(),
		reminder_days_before: optionalInt(1, 60, 'gatherings_error_reminder_days')
	})
	.transform((input, ctx) => {
		const zone = input.time_zone;
		/** The field's UTC time, or null after reporting why it has none. */
		const time = (field: 'starts_local' | 'ends_local' | 'rsvp_deadline_local', text: string) => {
			const parsed = parseLocalTime(text, zone);
			if (parsed.ok) {
				return parsed.iso;
			}
			const message = parsed.reason === 'gap' ? 'gatherings_error_time_gap' : 'error_date';
			ctx.addIssue({ code: 'custom', message, path: [field] });
			return null;
		};
		const starts_at = time('starts_local', input.starts_local);
		const ends_at = time('ends_local', input.ends_local);
		const deadlineText = input.rsvp_deadline_local ?? '';
		const rsvp_deadline = deadlineText ? time('rsvp_deadline_local', deadlineText) : null;
		if (starts_at && ends_at && ends_at <= starts_at) {
			ctx.addIssue({
				code: 'custom',
				message: 'gatherings_error_end_before_start',
				path: ['ends_local']
			});
		}
		if (rsvp_deadline && starts_at && rsvp_deadline >= starts_at) {
			ctx.addIssue({
				code: 'custom',
				message: 'gatherings_error_deadline_after_start',
				path: ['rsvp_deadline_local']
			});
		}
		if (!starts_at || !ends_at || (deadlineText && !rsvp_deadline)) {
			return z.NEVER;
		}
		const { starts_local, ends_local, rsvp_deadline_local, ...rest } = input;
		void starts_local;
		void ends_local;
		void rsvp_deadline_local;
		return {
			...rest,
			title_en: rest.title_en ?? rest.title_zh,
			starts_at,
			ends_at,
			rsvp_deadline
		};
	});
export type GatheringInput = z.output<typeof gatheringInputSchema>;

/** Just the time fields, for re-running the scheduling check while the form is being filled in. */
export const scheduleProbeSchema = z.object({
	time_zone: timeZoneField(),
	starts_local: z.string().trim(),
	ends_local: z.string().trim()
});

/** A map link people can open on a phone in China (Amap's universal search URL). */
export function generatedMapUrl(address: string): string {
	return `https://uri.amap.com/search?keyword=${encodeURIComponent(address)}`;
}
