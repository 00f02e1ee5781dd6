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
import { greetingMessage } from './message';
import * as repo from './recurring-repository';
import { insertUnsubscribeTokens } from './unsubscribe-repository';
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
	const row = await repo.findRecurring(db, userId);
	return row
		? { ...row, birthday: row.birthday === 1, anniversary: row.anniversary === 1 }
		: recurringDefaults;
}

export async function saveRecurring(db: Executor, userId: number, input: RecurringInput) {
	await repo.upsertRecurring(db, {
		user_id: userId,
		...input,
		birthday: input.birthday ? 1 : 0,
		anniversary: input.anniversary ? 1 : 0,
		updated_at: nowIso()
	});
}

/** The hour, on the contact's own calendar, at which their greeting goes out. */
export const RECURRING_HOUR = 9;

const occasionName = (message: typeof m.greetings_kind_birthday): Record<Locale, string> => ({
	'zh-CN': message({}, { locale: 'zh-CN' }),
	en: message({}, { locale: 'en' })
});

interface DueGreeting {
	/** The outbox dedupe key: kind, contact or date, and year, so once a year. */
	key: string;
	occasion: Record<Locale, string>;
}

/**
 * The greetings due for one contact on `today` (their own calendar): birthday (solar, lunar) when
 * the manager greets birthdays; their important dates and their account's anniversary when the
 * manager greets anniversaries.
 */
export function dueGreetings(
	manager: Pick<repo.RecurringManager, 'birthday' | 'anniversary'>,
	contact: Pick<
		repo.RecurringContact,
		'id' | 'birthday' | 'lunar_birthday' | 'account_id' | 'account_anniversary'
	>,
	dates: { id: number; contact_id: number; label: string; month_day: string }[],
	today: string
): DueGreeting[] {
	const year = Number(today.slice(0, 4));
	const due: DueGreeting[] = [];
	if (manager.birthday) {
		if (contact.birthday && yearlyDate(contact.birthday, year) === today) {
			const key = `greeting:birthday:${contact.id}:${year}`;
			due.push({ key, occasion: occasionName(m.greetings_kind_birthday) });
		}
		if (
			contact.lunar_birthday &&
			lunarBirthdaysBetween(contact.lunar_birthday, today, today).length > 0
		) {
			const key = `greeting:lunar_birthday:${contact.id}:${year}`;
			due.push({ key, occasion: occasionName(m.greetings_kind_birthday) });
		}
	}
	if (manager.anniversary) {
		for (const d of dates) {
			if (d.contact_id === contact.id && yearlyDate(d.month_day, year) === today) {
				const occasion = { 'zh-CN': d.label, en: d.label };
				due.push({ key: `greeting:date:${d.id}:${year}`, occasion });
			}
		}
		if (contact.account_anniversary && yearlyDate(contact.account_anniversary, year) === today) {
			due.push({
				key: `greeting:account_anniversary:${contact.account_id}:${contact.id}:${year}`,
				occasion: occasionName(m.greetings_occasion_account_anniversary)
			});
		}
	}
	return due;
}

/**
 * Sends the birthday (solar or lunar), important-date and account-anniversary greetings due now,
 * for the account managers who opted in, to the contacts of their accounts. A greeting is due
 * when it is the day on the contact's own calendar (their time zone) and 09:00 there has passed:
 * never the day before or after. The outbox's dedupe key (kind, contact or date, year) makes it
 * once a year, whatever the number of ticks, restarts or processes. Returns how many were queued.
 */
export async function runRecurringGreetings(db: Executor, now = new Date()): Promise<number> {
	let queued = 0;
	for (const manager of await repo.listRecurringManagers(db)) {
		const contacts = await repo.listRecurringContacts(db, manager.user_id);
		const dates = manager.anniversary
			? await repo.listDatesOfContacts(
					db,
					contacts.map((c) => c.id)
				)
			: [];
		for (const contact of contacts) {
			const w = wallClock(now.getTime(), contact.time_zone);
			if (w.hour < RECURRING_HOUR) {
				continue;
			}
			const pad = (n: number) => String(n).padStart(2, '0');
			const today = `${w.year}-${pad(w.month)}-${pad(w.day)}`;
			for (const item of dueGreetings(manager, contact, dates, today)) {
				queued += (await queueRecurring(db, manager, contact, item, today)) ? 1 : 0;
			}
		}
	}
	return queued;
}

/** One recurring greeting into the outbox with its unsubscribe token; false if already there. */
function queueRecurring(
	db: Executor,
	manager: repo.RecurringManager,
	contact: repo.RecurringContact,
	item: DueGreeting,
	today: string
): Promise<boolean> {
	return inTransaction(db, async (trx) => {
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
		const id = await enqueueMessage(
			trx,
			greetingMessage({
				kind: 'greeting_recurring',
				dedupeKey: item.key,
				rendered,
				sender,
				contact: { ...contact, email: contact.email! },
				unsubscribeUrl
			})
		);
		if (id === null) {
			return false;
		}
		await insertUnsubscribeTokens(trx, [
			{ token_hash: hashToken(token), contact_id: contact.id, created_at: nowIso() }
		]);
		return true;
	});
}
