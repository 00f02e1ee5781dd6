import { z } from 'zod';
import type { Executor } from '../db';
import type { Contact } from '../db/schema';
import { findAccountById, hasAnyAccount, listAllTags } from '../accounts/repository';
import { attributeFilter, attributeQueryFields, queryId } from '../accounts/queries';
import { listAssignableUsers } from '../users/service';
import * as repo from './repository';
import { formatMonthDay } from './schema';

export const PAGE_SIZE = 25;

/** The list page's query string (also the export's); anything malformed falls back. */
export const contactListQuerySchema = z.object({
	...attributeQueryFields,
	account: queryId,
	page: z.coerce.number().int().min(1).max(100_000).catch(1)
});
export type ContactListQuery = z.output<typeof contactListQuerySchema>;

export function parseContactQuery(params: URLSearchParams): ContactListQuery {
	return contactListQuerySchema.parse(Object.fromEntries(params));
}

export function contactFilter(query: ContactListQuery): repo.ContactListFilter {
	return { ...attributeFilter(query), accountId: query.account };
}

export async function loadContactList(db: Executor, query: ContactListQuery) {
	const filter = contactFilter(query);
	const total = await repo.countContacts(db, filter);
	const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
	const page = Math.min(query.page, pages);
	const contacts = await repo.listContacts(db, filter, {
		limit: PAGE_SIZE,
		offset: (page - 1) * PAGE_SIZE
	});
	const filtered = Object.values(filter).some((v) => v !== undefined);
	return {
		contacts,
		total,
		page,
		pages,
		anyContacts: total > 0 || (filtered && (await repo.countContacts(db, {})) > 0),
		anyAccounts: await hasAnyAccount(db),
		account: query.account ? ((await findAccountById(db, query.account)) ?? null) : null,
		owners: await listAssignableUsers(db),
		allTags: await listAllTags(db)
	};
}

export async function loadContactPage(db: Executor, id: number) {
	const contact = await repo.findContactById(db, id);
	if (!contact) {
		return null;
	}
	const account = await findAccountById(db, contact.account_id);
	return {
		contact,
		account: account ? { id: account.id, name: account.name, name_en: account.name_en } : null,
		dates: await repo.listContactDates(db, id),
		guestLists: await repo.countGuestListEntries(db, id)
	};
}

/** A stored contact's fields as text, as a form or a CSV row holds them. */
export function contactAsText(contact: Contact) {
	return {
		name: contact.name,
		name_latin: contact.name_latin ?? '',
		salutation: contact.salutation ?? '',
		title: contact.title ?? '',
		email: contact.email ?? '',
		phone: contact.phone ?? '',
		locale: contact.locale,
		time_zone: contact.time_zone,
		working_days: contact.working_days,
		work_start: contact.work_start,
		work_end: contact.work_end,
		birthday: formatMonthDay(contact.birthday, contact.birth_year),
		dietary: contact.dietary ?? '',
		hobbies: contact.hobbies ?? '',
		style_notes: contact.style_notes ?? '',
		notes: contact.notes ?? ''
	};
}

/** A stored contact as the strings its edit form holds. */
export function contactFormValues(
	contact: Contact,
	dates: { label: string; month_day: string; year: number | null }[]
): Record<string, string | string[]> {
	return {
		...contactAsText(contact),
		account_id: String(contact.account_id),
		working_days: contact.working_days.split(',').filter(Boolean),
		lunar_birthday: contact.lunar_birthday ?? '',
		date_label: dates.map((d) => d.label),
		date_value: dates.map((d) => formatMonthDay(d.month_day, d.year)),
		greeting_opt_out: contact.greeting_opt_out ? 'on' : ''
	};
}

export { listAccountChoices } from './repository';

/** A contact's edit form: its values as strings and the accounts to choose from; null if none. */
export async function loadContactForm(db: Executor, id: number) {
	const contact = await repo.findContactById(db, id);
	if (!contact) {
		return null;
	}
	return {
		contact: { id: contact.id, name: contact.name },
		values: contactFormValues(contact, await repo.listContactDates(db, id)),
		accounts: await repo.listAccountChoices(db)
	};
}
