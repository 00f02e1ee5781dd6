import { z } from 'zod';
import type { Executor } from '../db';
import type { Locale } from '../db/schema';
import { config } from '../config';
import { nowIso } from '../time';
import { m } from '$lib/paraglide/messages';
import { generateToken, hashToken } from '../auth/tokens';
import { enqueueMessage } from '../mail/outbox';
import { wallClock } from '../gatherings/zoned';
import { inTransaction } from '../accounts/transaction';
import { noControl, unknownFields } from './template';
import { renderGreeting } from './render';
import { mergeValuesFor } from './merge';
import { lunarBirthdaysBetween, yearlyDate } from './occasions';

const text = (max: number) =>
	z
		.string()
		.trim()
		.min(1, 'error_required')
		.max(max, 'error_too_long')
		.refine(noControl, 'greetings_error_control')
		.refine((v) => unknownFields(v).length === 0, 'greetings_error_unknown_field');

/** An account manager's recurring greetings: which occasions, and the greeting per language. */
export const recurringSchema = z.object({
	birthday: z.preprocess((v) => v === 'on' || v === true, z.boolean()),
	anniversary: z.preprocess((v) => v === 'on' || v === true, z.boolean()),
	subject_zh: text(200),
	body_zh: text(5000),
	subject_en: text(200),
	body_en: text(5000)
});
export type RecurringInput = z.output<typeof recurringSchema>;

export const recurringDefaults: RecurringInput = {
	birthday: false,
	anniversary: false,
	subject_zh: '{{salutation}}，{{occasion}}快乐！',
	body_zh:
		'尊敬的{{salutation}}：\n\n今天是您的{{occasion}}，{{account_manager}}谨代表公司祝您{{occasion}}快乐，身体健康，万事如意！',
	subject_en: 'Happy {{occasion}}, {{salutation}}!',
	body_en:
		'Dear {{salutation}},\n\nWarm wishes on your {{occasion}} from all of us.\n\nBest regards,\n{{account_manager}}'
};

export async function loadRecurring(db: Executor, userId: number): Promise<RecurringInput> {
	const row = await db
		.selectFrom('recurring_greeting')
		.selectAll()
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return row
		? { ...row, birthday: row.birthday === 1, anniversary: row.anniversary === 1 }
		: recurringDefaults;
}

export async function saveRecurring(db: Executor, userId: number, input: RecurringInput) {
	const values = {
		...input,
		birthday: input.birthday ? 1 : 0,
		anniversary: input.anniversary ? 1 : 0,
		updated_at: nowIso()
	};
	await db
		.insertInto('recurring_greeting')
		.values({ user_id: userId, ...values })
		.onConflict((oc) => oc.column('user_id').doUpdateSet(values))
		.execute();
}

/** The hour, on the contact's own calendar, at which their greeting goes out. */
export const RECURRING_HOUR = 9;

/**
 * Sends the birthday (solar or lunar) and important-date greetings due now, for the account
 * managers who opted in, to the contacts of their accounts. A greeting is due when it is the day
 * on the contact's own calendar (their time zone) and 09:00 there has passed: never the day before
 * or after. The outbox's dedupe key (kind, contact or date, year) makes it once a year, whatever
 * the number of ticks, restarts or processes. Returns how many were queued.
 */
export async function runRecurringGreetings(db: Executor, now = new Date()): Promise<number> {
	const managers = await db
		.selectFrom('recurring_greeting')
		.innerJoin('user', 'user.id', 'recurring_greeting.user_id')
		.select([
			'recurring_greeting.user_id',
			'recurring_greeting.birthday',
			'recurring_greeting.anniversary',
			'recurring_greeting.subject_zh',
			'recurring_greeting.body_zh',
			'recurring_greeting.subject_en',
			'recurring_greeting.body_en',
			'user.name',
			'user.email'
		])
		.where((eb) =>
			eb.or([
				eb('recurring_greeting.birthday', '=', 1),
				eb('recurring_greeting.anniversary', '=', 1)
			])
		)
		.where('user.disabled_at', 'is', null)
		.execute();
	let queued = 0;
	for (const manager of managers) {
		const contacts = await db
			.selectFrom('contact')
			.innerJoin('account', 'account.id', 'contact.account_id')
			.select([
				'contact.id',
				'contact.name',
				'contact.name_latin',
				'contact.salutation',
				'contact.email',
				'contact.locale',
				'contact.time_zone',
				'contact.birthday',
				'contact.lunar_birthday',
				'account.name as company',
				'account.name_en as company_en'
			])
			.where('account.owner_user_id', '=', manager.user_id)
			.where('contact.email', 'is not', null)
			.where('contact.greeting_opt_out', '=', 0)
			.execute();
		const dates = manager.anniversary
			? await db
					.selectFrom('contact_date')
					.select(['id', 'contact_id', 'label', 'month_day'])
					.where('contact_id', 'in', contacts.map((c) => c.id).concat(-1))
					.execute()
			: [];
		for (const contact of contacts) {
			const w = wallClock(now.getTime(), contact.time_zone);
			if (w.hour < RECURRING_HOUR) {
				continue;
			}
			const pad = (n: number) => String(n).padStart(2, '0');
			const today = `${w.year}-${pad(w.month)}-${pad(w.day)}`;
			const due: { key: string; occasion: Record<Locale, string> }[] = [];
			const birthday = {
				'zh-CN': m.greetings_kind_birthday({}, { locale: 'zh-CN' }),
				en: m.greetings_kind_birthday({}, { locale: 'en' })
			};
			if (manager.birthday && contact.birthday && yearlyDate(contact.birthday, w.year) === today) {
				due.push({ key: `greeting:birthday:${contact.id}:${w.year}`, occasion: birthday });
			}
			if (
				manager.birthday &&
				contact.lunar_birthday &&
				lunarBirthdaysBetween(contact.lunar_birthday, today, today).length > 0
			) {
				due.push({ key: `greeting:lunar_birthday:${contact.id}:${w.year}`, occasion: birthday });
			}
			for (const d of dates) {
				if (d.contact_id === contact.id && yearlyDate(d.month_day, w.year) === today) {
					due.push({
						key: `greeting:date:${d.id}:${w.year}`,
						occasion: { 'zh-CN': d.label, en: d.label }
					});
				}
			}
			for (const item of due) {
				const sent = await inTransaction(db, async (trx) => {
					const token = generateToken();
					const unsubscribeUrl = `${config.publicBaseUrl}/unsubscribe/${token}`;
					const en = contact.locale === 'en';
					const sender = { name: manager.name, email: manager.email };
					const rendered = renderGreeting({
						locale: contact.locale,
						subject: en ? manager.subject_en : manager.subject_zh,
						body: en ? manager.body_en : manager.body_zh,
						values: mergeValuesFor(contact, contact.locale, sender, item.occasion, today),
						card: null,
						unsubscribeUrl
					});
					const id = await enqueueMessage(trx, {
						kind: 'greeting_recurring',
						dedupeKey: item.key,
						fromName: sender.name,
						replyTo: sender.email,
						to: {
							address: contact.email!,
							name: en ? (contact.name_latin ?? contact.name) : contact.name
						},
						locale: contact.locale,
						...rendered,
						attachments: [],
						headers: {
							'List-Unsubscribe': `<${unsubscribeUrl}>`,
							'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
						}
					});
					if (id !== null) {
						await trx
							.insertInto('greeting_unsubscribe_token')
							.values({
								token_hash: hashToken(token),
								contact_id: contact.id,
								created_at: nowIso()
							})
							.execute();
					}
					return id !== null;
				});
				queued += sent ? 1 : 0;
			}
		}
	}
	return queued;
}
