import { z } from 'zod';
import type { Executor } from '../db';
import { channels, tiers } from '../accounts/schema';
import { locales, isTimeZone } from '../contacts/schema';
import { localToUtcIso } from '../gatherings/zoned';
import { isFestival } from '$lib/domain/greetings';
import type { AudienceFilter } from './campaign-repository';
import { noControl, unknownFields } from './template';
import { festivalDate } from './occasions';
import { findCustomOccasion } from './repository';
import { cardDesigns } from './card';

/** What the campaign forms take: the audience filter, the campaign, its card; and defaults. */

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const audienceFilterSchema = z.object({
	tier: z.preprocess(blankToUndefined, z.enum(tiers).optional()).catch(undefined),
	channel: z.preprocess(blankToUndefined, z.enum(channels).optional()).catch(undefined),
	accountId: z
		.preprocess(blankToUndefined, z.coerce.number().int().positive().optional())
		.catch(undefined),
	ownerUserId: z
		.preprocess(blankToUndefined, z.coerce.number().int().positive().optional())
		.catch(undefined),
	tag: z.preprocess(blankToUndefined, z.string().trim().max(40).optional()).catch(undefined),
	locale: z.preprocess(blankToUndefined, z.enum(locales).optional()).catch(undefined),
	manualOnly: z
		.preprocess((v) => v === true || v === 'on' || v === '1', z.boolean())
		.optional()
		.catch(undefined)
});

export function parseFilter(json: string): AudienceFilter {
	try {
		return audienceFilterSchema.parse(JSON.parse(json));
	} catch {
		return {};
	}
}

const templateText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, 'error_too_long')
		.refine(noControl, 'greetings_error_control')
		.refine((v) => unknownFields(v).length === 0, 'greetings_error_unknown_field');

/** The campaign form: what, when, from whom, and the two templates. */
export const campaignSchema = z
	.object({
		name: z.string().trim().min(1, 'error_required').max(120, 'error_too_long'),
		occasion: z
			.string()
			.trim()
			.refine((v) => isFestival(v) || /^custom:\d+$/.test(v) || v === 'other', 'error_choice'),
		occasion_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'greetings_error_date'),
		send_mode: z.enum(['fixed', 'local_nine'], 'error_choice'),
		send_local: z.string().trim().optional(),
		send_zone: z.string().trim().refine(isTimeZone, 'error_time_zone'),
		send_date: z.string().trim().optional(),
		sender_mode: z.enum(['owner', 'person'], 'error_choice'),
		sender_user_id: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
		subject_zh: templateText(200),
		body_zh: templateText(5000),
		subject_en: templateText(200),
		body_en: templateText(5000)
	})
	.superRefine((v, ctx) => {
		if (v.send_mode === 'fixed' && !localToUtcIso(v.send_local ?? '', v.send_zone)) {
			ctx.addIssue({ code: 'custom', path: ['send_local'], message: 'greetings_error_datetime' });
		}
		if (v.send_mode === 'local_nine' && !/^\d{4}-\d{2}-\d{2}$/.test(v.send_date ?? '')) {
			ctx.addIssue({ code: 'custom', path: ['send_date'], message: 'greetings_error_date' });
		}
		if (v.sender_mode === 'person' && !v.sender_user_id) {
			ctx.addIssue({ code: 'custom', path: ['sender_user_id'], message: 'error_required' });
		}
		for (const locale of ['zh', 'en'] as const) {
			const subject = v[`subject_${locale}`];
			const body = v[`body_${locale}`];
			if (!!subject !== !!body) {
				ctx.addIssue({
					code: 'custom',
					path: [subject ? `body_${locale}` : `subject_${locale}`],
					message: 'error_required'
				});
			}
		}
		if (!v.subject_zh && !v.subject_en) {
			ctx.addIssue({
				code: 'custom',
				path: ['subject_zh'],
				message: 'greetings_error_no_template'
			});
		}
	});
export type CampaignInput = z.output<typeof campaignSchema>;

/** Suggested defaults for a new campaign for an occasion (the Upcoming page's button). */
export async function campaignDefaults(
	db: Executor,
	occasion: string,
	today: string,
	zone: string
) {
	let date = today;
	let name = '';
	if (isFestival(occasion)) {
		const year = Number(today.slice(0, 4));
		date = festivalDate(occasion, year);
		if (date < today) {
			date = festivalDate(occasion, year + 1);
		}
	} else if (/^custom:\d+$/.test(occasion)) {
		const row = await findCustomOccasion(db, Number(occasion.slice(7)));
		if (row) {
			const year = Number(today.slice(0, 4));
			date = `${year}-${row.month_day}`;
			if (date < today) {
				date = `${year + 1}-${row.month_day}`;
			}
			name = row.name_zh;
		}
	} else {
		occasion = 'other';
	}
	return {
		name,
		occasion,
		occasion_date: date,
		send_mode: 'local_nine',
		send_date: date,
		send_local: `${date}T09:00`,
		send_zone: zone,
		sender_mode: 'owner',
		subject_zh: '{{occasion}}快乐',
		body_zh:
			'尊敬的{{salutation}}：\n\n值此{{occasion}}之际，{{account_manager}}谨代表公司向您和{{company}}致以诚挚的问候！\n\n祝{{zodiac}}年吉祥，万事如意！',
		subject_en: 'Happy {{occasion}}',
		body_en:
			'Dear {{salutation}},\n\nOn the occasion of the {{occasion}}, warm greetings to you and everyone at {{company}}.\n\nBest wishes for the Year of the {{zodiac}},\n{{account_manager}}'
	};
}

export const cardSchema = z.object({
	locale: z.enum(locales),
	design: z.enum(cardDesigns as [string, ...string[]]),
	title: z
		.string()
		.trim()
		.min(1, 'error_required')
		.max(20, 'error_too_long')
		.refine(noControl, 'greetings_error_control'),
	text: z.string().trim().max(200, 'error_too_long').refine(noControl, 'greetings_error_control')
});
