import { z } from 'zod';
import type { Channel, Tier } from '../db/schema';
import { optionalId, optionalParsed, optionalText, requiredText, textProblem } from '../text';
import { parseMonthDay } from '../contacts/schema';

export const channels = [
	'distributor',
	'wholesaler_1',
	'wholesaler_2',
	'ka_retailer',
	'small_retail',
	'other'
] as const satisfies readonly Channel[];

export const tiers = ['key', 'potential', 'regular'] as const satisfies readonly Tier[];

/** Labels people type (in a CSV, say) for each channel, besides its code. */
const channelAliases: Record<string, Channel> = {
	经销商: 'distributor',
	一批商: 'wholesaler_1',
	一批: 'wholesaler_1',
	二批商: 'wholesaler_2',
	二批: 'wholesaler_2',
	ka卖场: 'ka_retailer',
	卖场: 'ka_retailer',
	零售终端: 'small_retail',
	零售: 'small_retail',
	其他: 'other',
	'first-tier wholesaler': 'wholesaler_1',
	'second-tier wholesaler': 'wholesaler_2',
	'ka retailer': 'ka_retailer',
	'small retail': 'small_retail'
};

export function normalizeChannel(value: unknown): unknown {
	if (typeof value !== 'string') {
		return value;
	}
	const key = value.trim().toLowerCase();
	return channelAliases[key] ?? key;
}

/** Money cap: 100 billion in major units keeps sums of minor units exact in a double. */
export const MONEY_MAX_MAJOR = 100_000_000_000;

/**
 * An amount typed in yuan (or any major unit): digits, an optional sign, up to 2 decimals;
 * thousands separators and a currency sign are ignored. Becomes integer minor units.
 */
export function moneySchema(options: { allowNegative: boolean }) {
	return z
		.union([z.string(), z.number()], 'error_number')
		.optional()
		.transform((value, ctx) => {
			const text = String(value ?? '')
				.trim()
				.replace(/[,，\s¥￥]/g, '');
			if (text === '') {
				return 0;
			}
			const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
			if (!match) {
				ctx.addIssue({
					code: 'custom',
					message: /^-?\d+\.\d{3,}$/.test(text) ? 'accounts_error_money_decimals' : 'error_number'
				});
				return z.NEVER;
			}
			const [, sign, whole, fraction = ''] = match;
			if (sign && !options.allowNegative) {
				ctx.addIssue({ code: 'custom', message: 'accounts_error_money_negative' });
				return z.NEVER;
			}
			if (Number(whole) >= MONEY_MAX_MAJOR) {
				ctx.addIssue({ code: 'custom', message: 'accounts_error_money_range' });
				return z.NEVER;
			}
			const minor = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
			return sign ? -minor : minor;
		});
}

export { optionalText } from '../text';

function isRealDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
		return false;
	}
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const optionalDate = z
	.string()
	.trim()
	.optional()
	.refine((v) => !v || isRealDate(v), 'error_date')
	.transform((v) => (v ? v : null));

/**
 * The account's anniversary (greetings): 'YYYY-MM-DD', or 'MM-DD' when the year it began is not
 * known; empty for none; missing (a CSV without the column) leaves the stored one alone.
 */
export const anniversarySchema = optionalParsed(parseMonthDay, 'error_month_day');

const TAG_MAX = 40;
const TAGS_MAX = 20;

/** Comma-separated text (also ，、；) or a list → distinct trimmed tags. */
export const tagsSchema = z
	.union([z.string(), z.array(z.string())])
	.optional()
	.transform((value, ctx) => {
		const raw = Array.isArray(value) ? value : (value ?? '').split(/[,，、;；]/);
		const problem = raw.map((t) => textProblem(t.trim())).find(Boolean);
		if (problem) {
			ctx.addIssue({ code: 'custom', message: problem });
			return z.NEVER;
		}
		const parts = raw.map((t) => t.trim().replace(/\s+/g, ' ')).filter(Boolean);
		const tags = [...new Set(parts)];
		if (tags.some((t) => t.length > TAG_MAX)) {
			ctx.addIssue({ code: 'custom', message: 'accounts_error_tag_too_long' });
			return z.NEVER;
		}
		if (tags.length > TAGS_MAX) {
			ctx.addIssue({ code: 'custom', message: 'accounts_error_too_many_tags' });
			return z.NEVER;
		}
		return tags;
	});

const ownerSchema = optionalId();

/**
 * One account as a form or a CSV row gives it. Keys are the form's field names; messages are
 * message keys. Output: money in integer minor units (`annual_sales`, `annual_profit`), optional
 * text as null, `tags` as a list, `owner_user_id` as a number or null.
 * Use `accountInputSchema.partial()` for updates that change only some fields.
 * The rule "an override needs a reason" spans two fields and is checked by the service.
 */
export const accountInputSchema = z.object({
	name: requiredText(200),
	name_en: optionalText(200),
	industry: optionalText(100),
	region: optionalText(100),
	channel: z.preprocess(normalizeChannel, z.enum(channels, 'error_choice')),
	currency: z
		.string()
		.trim()
		.toUpperCase()
		.optional()
		.transform((v) => v || 'CNY')
		.refine((v) => /^[A-Z]{3}$/.test(v), 'accounts_error_currency'),
	annual_sales: moneySchema({ allowNegative: false }),
	annual_profit: moneySchema({ allowNegative: true }),
	owner_user_id: ownerSchema,
	tags: tagsSchema,
	notes: optionalText(5000, { multiline: true }),
	competitor_notes: optionalText(5000, { multiline: true }),
	last_reviewed_on: optionalDate,
	anniversary: anniversarySchema,
	tier_override: z
		.union([z.enum(tiers, 'error_choice'), z.literal(''), z.null()], 'error_choice')
		.optional()
		.transform((v) => (v ? v : null)),
	tier_override_reason: optionalText(500)
});

export type AccountInput = z.output<typeof accountInputSchema>;
export type AccountFormValues = z.input<typeof accountInputSchema>;

export const tierOverrideSchema = accountInputSchema.pick({
	tier_override: true,
	tier_override_reason: true
});
export type TierOverrideInput = z.output<typeof tierOverrideSchema>;
