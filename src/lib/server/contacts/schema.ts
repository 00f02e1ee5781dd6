import { z } from 'zod';
import type { Locale } from '../db/schema';
import { optionalParsed, optionalText, requiredText, text, timeZoneField } from '../text';
import { isTimeZone } from '../time';

export const locales = ['zh-CN', 'en'] as const satisfies readonly Locale[];

/** What people type for a language, in a form or a CSV cell. */
const localeAliases: Record<string, Locale> = {
	'zh-cn': 'zh-CN',
	zh: 'zh-CN',
	中文: 'zh-CN',
	简体中文: 'zh-CN',
	chinese: 'zh-CN',
	en: 'en',
	english: 'en',
	英文: 'en',
	英语: 'en'
};

export { isTimeZone };

/** A lunar month and day, '8-15' or '08/15' → '08-15'; null if it is not one (30 days at most). */
export function parseLunarMonthDay(value: string): string | null {
	const match = /^(\d{1,2})[-/.](\d{1,2})$/.exec(value);
	const month = Number(match?.[1]);
	const day = Number(match?.[2]);
	if (!match || month < 1 || month > 12 || day < 1 || day > 30) {
		return null;
	}
	return `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const emailFormat = z.email();

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A yearly date: 'MM-DD' or 'YYYY-MM-DD' (also with / or .), 29 Feb only in a leap year when a
 * year is given. Returns null when the text is not such a date.
 */
export function parseMonthDay(text: string): { month_day: string; year: number | null } | null {
	const match = /^(?:(\d{4})[-/.])?(\d{1,2})[-/.](\d{1,2})$/.exec(text.trim());
	if (!match) {
		return null;
	}
	const year = match[1] ? Number(match[1]) : null;
	const month = Number(match[2]);
	const day = Number(match[3]);
	if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) {
		return null;
	}
	if (year !== null) {
		const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
		if (year < 1900 || year > 2100 || (month === 2 && day === 29 && !leap)) {
			return null;
		}
	}
	const pad = (n: number) => String(n).padStart(2, '0');
	return { month_day: `${pad(month)}-${pad(day)}`, year };
}

/** 'MM-DD' with an optional year → the text a form or CSV shows. */
export function formatMonthDay(monthDay: string | null, year: number | null): string {
	if (!monthDay) {
		return '';
	}
	return year ? `${year}-${monthDay}` : monthDay;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function normalizeTime(value: unknown): unknown {
	if (typeof value !== 'string') {
		return value;
	}
	const match = /^(\d{1,2})[:：](\d{2})$/.exec(value.trim());
	return match ? `${match[1].padStart(2, '0')}:${match[2]}` : value.trim();
}

/** ISO weekdays from checkboxes (['1','2']) or text ('1,2,3', '1-5'); Monday is 1. */
const workingDaysSchema = z
	.union([z.string(), z.array(z.string())])
	.optional()
	.transform((value, ctx) => {
		if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
			return typeof value === 'string' ? '1,2,3,4,5' : undefined;
		}
		const days = new Set<number>();
		const parts = Array.isArray(value) ? value : value.split(/[,，、;；\s]+/);
		for (const part of parts.map((p) => p.trim()).filter(Boolean)) {
			const range = /^([1-7])\s*[-–~]\s*([1-7])$/.exec(part);
			if (range && Number(range[1]) <= Number(range[2])) {
				for (let d = Number(range[1]); d <= Number(range[2]); d++) {
					days.add(d);
				}
			} else if (/^[1-7]$/.test(part)) {
				days.add(Number(part));
			} else {
				ctx.addIssue({ code: 'custom', message: 'contacts_error_working_days' });
				return z.NEVER;
			}
		}
		if (days.size === 0) {
			ctx.addIssue({ code: 'custom', message: 'contacts_error_working_days' });
			return z.NEVER;
		}
		return [...days].sort().join(',');
	});

const yesValues = new Set(['on', 'true', '1', 'yes', 'y', '是', '对', 'x', '✓']);
const noValues = new Set(['', 'off', 'false', '0', 'no', 'n', '否']);

const flagSchema = z
	.union([z.string(), z.boolean()])
	.optional()
	.transform((value, ctx) => {
		if (typeof value === 'boolean') {
			return value;
		}
		const text = (value ?? '').trim().toLowerCase();
		if (yesValues.has(text)) {
			return true;
		}
		if (noValues.has(text)) {
			return false;
		}
		ctx.addIssue({ code: 'custom', message: 'contacts_error_yes_no' });
		return z.NEVER;
	});

const importantDateSchema = z.object({
	label: text(60).pipe(z.string().min(1, 'contacts_error_date_label')),
	date: z.string().trim().min(1, 'error_month_day')
});

/**
 * Other important dates. A form sends parallel lists `date_label` / `date_value`; a CSV cell
 * holds 'label: date; label: date'. Rows with neither label nor date are dropped.
 */
export function parseDatesCell(cell: string): { label: string; date: string }[] {
	return cell
		.split(/[;；\n]/)
		.map((part) => part.trim())
		.filter(Boolean)
		.map((part) => {
			const match = /^(.*?)[:：]\s*([\d/.-]+)$/.exec(part);
			return match ? { label: match[1].trim(), date: match[2] } : { label: part, date: '' };
		});
}

const datesSchema = z
	.array(importantDateSchema)
	.max(20, 'contacts_error_too_many_dates')
	.optional()
	.transform((list, ctx) => {
		const out: { label: string; month_day: string; year: number | null }[] = [];
		for (const [i, entry] of (list ?? []).entries()) {
			const parsed = parseMonthDay(entry.date);
			if (!parsed) {
				ctx.addIssue({ code: 'custom', message: 'error_month_day', path: [i, 'date'] });
				return z.NEVER;
			}
			out.push({ label: entry.label, ...parsed });
		}
		return out;
	});

/**
 * One contact as a form or a CSV row gives it (keys are the form's field names, messages are
 * message keys). Output: email lower-cased or null, `birthday` split into month-day and year,
 * `working_days` as '1,2,3,4,5', `dates` as label + month-day + year.
 */
export const contactInputSchema = z
	.object({
		account_id: z.coerce
			.number('contacts_error_account')
			.int('contacts_error_account')
			.positive('contacts_error_account'),
		name: requiredText(100),
		name_latin: optionalText(100),
		salutation: optionalText(50),
		title: optionalText(100),
		email: z
			.string()
			.trim()
			.toLowerCase()
			.max(254, 'error_too_long')
			.optional()
			.refine((v) => !v || emailFormat.safeParse(v).success, 'error_email')
			.transform((v) => (v ? v : null)),
		phone: z
			.string()
			.trim()
			.max(40, 'error_too_long')
			.optional()
			.refine((v) => !v || /^[+\d][\d\s().\-/]*(?:\s*(?:ext|转|x)\.?\s*\d+)?$/i.test(v), {
				message: 'contacts_error_phone'
			})
			.transform((v) => (v ? v : null)),
		locale: z.preprocess(
			(v) =>
				typeof v === 'string'
					? v.trim() === ''
						? 'zh-CN'
						: (localeAliases[v.trim().toLowerCase()] ?? v.trim())
					: (v ?? 'zh-CN'),
			z.enum(locales, 'error_choice')
		),
		time_zone: timeZoneField(),
		working_days: workingDaysSchema.transform((v) => v ?? '1,2,3,4,5'),
		work_start: z.preprocess(
			(v) => normalizeTime(v === '' || v === undefined ? '09:00' : v),
			z.string().regex(TIME, 'error_time')
		),
		work_end: z.preprocess(
			(v) => normalizeTime(v === '' || v === undefined ? '18:00' : v),
			z.string().regex(TIME, 'error_time')
		),
		birthday: z
			.string()
			.trim()
			.optional()
			.transform((v, ctx) => {
				if (!v) {
					return { month_day: null, year: null };
				}
				const parsed = parseMonthDay(v);
				if (!parsed) {
					ctx.addIssue({ code: 'custom', message: 'error_month_day' });
					return z.NEVER;
				}
				return parsed;
			}),
		// Lunar month and day (农历生日), '08-15'; absent (a CSV without the column) keeps the value.
		lunar_birthday: optionalParsed(parseLunarMonthDay, 'greetings_error_lunar_day'),
		dates: datesSchema,
		dietary: optionalText(500),
		hobbies: optionalText(500),
		style_notes: optionalText(1000, { multiline: true }),
		greeting_opt_out: flagSchema,
		notes: optionalText(5000, { multiline: true })
	})
	.refine(
		(value) =>
			!TIME.test(String(value.work_start)) ||
			!TIME.test(String(value.work_end)) ||
			value.work_start < value.work_end,
		{
			message: 'contacts_error_hours',
			path: ['work_end'],
			// Also when other fields are wrong, so every problem of a CSV row shows at once.
			when: (payload) => typeof payload.value === 'object' && payload.value !== null
		}
	);

export type ContactInput = z.output<typeof contactInputSchema>;

/** The form's parallel `date_label` / `date_value` lists as `dates`; blank pairs are dropped. */
export const contactFormSchema = z.preprocess((raw) => {
	if (typeof raw !== 'object' || raw === null) {
		return raw;
	}
	const record = raw as Record<string, unknown>;
	const list = (key: string) => {
		const value = record[key];
		return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
	};
	const labels = list('date_label');
	const values = list('date_value');
	const dates = labels
		.map((label, i) => ({ label, date: values[i] ?? '' }))
		.filter((d) => d.label.trim() || d.date.trim());
	return { ...record, dates };
}, contactInputSchema);

export const CONTACT_FORM_ARRAYS = ['working_days', 'date_label', 'date_value'];
