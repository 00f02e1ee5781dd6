import type { Executor } from '../db';
import { ConflictError, found } from '../errors';
import { logChange } from '../activity/log';
import { findAccountById } from '../accounts/repository';
import { inTransaction } from '../accounts/transaction';
import { nameKeys } from '../text/pinyin';
import { nowIso } from '../time';
import * as repo from './repository';
import type { ContactInput } from './schema';

export {
	contactInputSchema,
	contactFormSchema,
	CONTACT_FORM_ARRAYS,
	type ContactInput
} from './schema';

/** A second contact with the same email; the form shows it at the email field. */
export class EmailTakenError extends ConflictError {
	constructor(readonly existingId: number) {
		super('contacts_error_email_taken');
	}
}

/** The contact row's columns for an input (pinyin keys derived from the name). */
export function contactColumnsFor(input: ContactInput) {
	return {
		account_id: input.account_id,
		name: input.name,
		...nameKeys(input.name),
		name_latin: input.name_latin,
		salutation: input.salutation,
		title: input.title,
		email: input.email,
		phone: input.phone,
		locale: input.locale,
		time_zone: input.time_zone,
		working_days: input.working_days,
		work_start: input.work_start,
		work_end: input.work_end,
		birthday: input.birthday.month_day,
		birth_year: input.birthday.year,
		...(input.lunar_birthday !== undefined ? { lunar_birthday: input.lunar_birthday } : {}),
		dietary: input.dietary,
		hobbies: input.hobbies,
		style_notes: input.style_notes,
		greeting_opt_out: input.greeting_opt_out ? 1 : 0,
		notes: input.notes
	};
}

async function checkRefs(db: Executor, input: ContactInput, selfId: number | null) {
	found(await findAccountById(db, input.account_id), 'accounts_error_not_found');
	if (input.email) {
		const other = await repo.findContactByEmail(db, input.email);
		if (other && other.id !== selfId) {
			throw new EmailTakenError(other.id);
		}
	}
}

/** Creates a contact with their important dates; records 'contact.created'. Returns the id. */
export async function createContact(
	db: Executor,
	input: ContactInput,
	userId: number | null,
	details: Record<string, unknown> = {}
): Promise<number> {
	return inTransaction(db, async (trx) => {
		await checkRefs(trx, input, null);
		const now = nowIso();
		const id = await repo.insertContact(trx, {
			...contactColumnsFor(input),
			created_at: now,
			updated_at: now
		});
		await repo.replaceContactDates(trx, id, input.dates);
		await logChange(
			trx,
			userId,
			'contact.created',
			{ type: 'contact', id, accountId: input.account_id },
			{ name: input.name, ...details }
		);
		return id;
	});
}

/**
 * Replaces a contact's fields and dates. Records 'contact.updated' with the changed field names
 * (on the new account, and on the old one too when the contact moved), or nothing if nothing
 * changed. Returns the changed field names.
 */
export async function updateContact(
	db: Executor,
	id: number,
	input: ContactInput,
	userId: number | null,
	details: Record<string, unknown> = {}
): Promise<string[]> {
	return inTransaction(db, async (trx) => {
		const before = found(await repo.findContactById(trx, id), 'contacts_error_not_found');
		await checkRefs(trx, input, id);
		const changes = contactColumnsFor(input);
		const changed = (Object.keys(changes) as (keyof typeof changes)[]).filter(
			(key) =>
				key !== 'name_pinyin' &&
				key !== 'name_initials' &&
				changes[key] !== before[key as keyof typeof before]
		) as string[];
		const oldDates = (await repo.listContactDates(trx, id))
			.map((d) => `${d.label}|${d.month_day}|${d.year}`)
			.sort();
		const newDates = input.dates.map((d) => `${d.label}|${d.month_day}|${d.year}`).sort();
		if (oldDates.join('\n') !== newDates.join('\n')) {
			await repo.replaceContactDates(trx, id, input.dates);
			changed.push('dates');
		}
		if (changed.length === 0) {
			return [];
		}
		await repo.updateContactRow(trx, id, { ...changes, updated_at: nowIso() });
		const accounts = new Set([before.account_id, input.account_id]);
		for (const accountId of accounts) {
			await logChange(
				trx,
				userId,
				'contact.updated',
				{ type: 'contact', id, accountId: accountId },
				{ name: input.name, fields: changed, ...details }
			);
		}
		return changed;
	});
}

/**
 * Deletes a contact and their dates. Refuses while the contact is on a gathering's guest list:
 * the guest list keeps its history, so they must be taken off it first.
 */
export async function deleteContact(
	db: Executor,
	id: number,
	userId: number | null
): Promise<{ name: string; accountId: number }> {
	return inTransaction(db, async (trx) => {
		const contact = found(await repo.findContactById(trx, id), 'contacts_error_not_found');
		const lists = await repo.countGuestListEntries(trx, id);
		if (lists > 0) {
			throw new ConflictError('contacts_error_on_guest_list', { count: lists });
		}
		await repo.deleteContactRow(trx, id);
		await logChange(
			trx,
			userId,
			'contact.deleted',
			{ type: 'contact', id, accountId: contact.account_id },
			{ name: contact.name }
		);
		return { name: contact.name, accountId: contact.account_id };
	});
}
