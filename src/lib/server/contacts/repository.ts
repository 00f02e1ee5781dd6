import { effectiveTier } from '../accounts/effective-tier';
import { sql } from 'kysely';
import type { Executor } from '../db';
import { caseInsensitiveContains, caseInsensitiveStartsWith, joinedText } from '../db/sql';
import { accountMatches } from '../accounts/repository';
import type { Channel, ContactUpdate, NewContact, Tier } from '../db/schema';

export function findContactById(db: Executor, id: number) {
	return db.selectFrom('contact').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Emails are stored lower-cased, so this is a case-insensitive match. */
export function findContactByEmail(db: Executor, email: string) {
	return db
		.selectFrom('contact')
		.selectAll()
		.where('email', '=', email.trim().toLowerCase())
		.executeTakeFirst();
}

export async function insertContact(db: Executor, contact: NewContact): Promise<number> {
	const row = await db
		.insertInto('contact')
		.values(contact)
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function updateContactRow(db: Executor, id: number, changes: ContactUpdate) {
	await db.updateTable('contact').set(changes).where('id', '=', id).execute();
}

export async function deleteContactRow(db: Executor, id: number) {
	await db.deleteFrom('contact').where('id', '=', id).execute();
}

export function listContactDates(db: Executor, contactId: number) {
	return db
		.selectFrom('contact_date')
		.select(['id', 'label', 'month_day', 'year'])
		.where('contact_id', '=', contactId)
		.orderBy('month_day')
		.orderBy('id')
		.execute();
}

export async function replaceContactDates(
	db: Executor,
	contactId: number,
	dates: readonly { label: string; month_day: string; year: number | null }[]
) {
	await db.deleteFrom('contact_date').where('contact_id', '=', contactId).execute();
	if (dates.length > 0) {
		await insertContactDates(
			db,
			dates.map((d) => ({ contact_id: contactId, ...d }))
		);
	}
}

/** Every contact that has an email, as email → id (emails are stored lower-cased). */
export async function contactIdsByEmail(db: Executor): Promise<Map<string, number>> {
	const rows = await db
		.selectFrom('contact')
		.select(['id', 'email'])
		.where('email', 'is not', null)
		.execute();
	return new Map(rows.map((c) => [c.email!, c.id]));
}

/**
 * Inserts many contacts in one statement; returns their ids in the order of `contacts`.
 * AUTOINCREMENT hands out ascending ids in VALUES order, whatever order RETURNING uses.
 */
export async function insertContacts(
	db: Executor,
	contacts: readonly NewContact[]
): Promise<number[]> {
	if (contacts.length === 0) {
		return [];
	}
	const rows = await db.insertInto('contact').values(contacts).returning('id').execute();
	return rows.map((r) => r.id).sort((a, b) => a - b);
}

/** Adds dates to contacts (many at once), keeping the dates they have. */
export async function insertContactDates(
	db: Executor,
	dates: readonly { contact_id: number; label: string; month_day: string; year: number | null }[]
) {
	if (dates.length > 0) {
		await db.insertInto('contact_date').values(dates).execute();
	}
}

/** Contacts at accounts whose effective tier is key, by company then contact. */
export function listKeyAccountContactIds(db: Executor) {
	return db
		.selectFrom('contact as c')
		.innerJoin('account as a', 'a.id', 'c.account_id')
		.select(['c.id'])
		.where((eb) => eb(effectiveTier('a'), '=', 'key'))
		.orderBy('a.name_sort')
		.orderBy('c.id')
		.execute();
}

/** How many gatherings' guest lists name this contact (invitee.contact_id is ON DELETE RESTRICT). */
export async function countGuestListEntries(db: Executor, contactId: number): Promise<number> {
	const row = await db
		.selectFrom('invitee')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('contact_id', '=', contactId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export interface ContactListFilter {
	/** Name (Chinese, Latin, pinyin, pinyin initials), company or email. */
	q?: string;
	tier?: Tier;
	channel?: Channel;
	ownerUserId?: number;
	tag?: string;
	accountId?: number;
}

const accountTier = effectiveTier('account');

function filtered(db: Executor, filter: ContactListFilter) {
	let query = db.selectFrom('contact').innerJoin('account', 'account.id', 'contact.account_id');
	if (filter.q) {
		const q = filter.q;
		// Pinyin keys have no spaces or tones: 'Wang Wei' and 'wangwei' both find 王伟.
		const letters = q.toLowerCase().replace(/[^a-z]/g, '');
		query = query.where((eb) =>
			eb.or([
				caseInsensitiveContains(eb.ref('contact.name'), q),
				caseInsensitiveContains(eb.ref('contact.name_latin'), q),
				caseInsensitiveContains(eb.ref('contact.email'), q),
				caseInsensitiveContains(eb.ref('account.name'), q),
				caseInsensitiveContains(eb.ref('account.name_en'), q),
				...(letters
					? [
							caseInsensitiveStartsWith(eb.ref('contact.name_pinyin'), letters),
							caseInsensitiveStartsWith(eb.ref('contact.name_initials'), letters)
						]
					: [])
			])
		);
	}
	query = query.where((eb) => accountMatches(eb, filter));
	if (filter.accountId) {
		query = query.where('contact.account_id', '=', filter.accountId);
	}
	return query;
}

/** Contacts matching a filter, with their company and tier: for picking people (guest lists). */
export function findContactsWithCompany(db: Executor, filter: ContactListFilter, limit: number) {
	return filtered(db, filter)
		.select([
			'contact.id',
			'contact.name',
			'contact.name_latin',
			'contact.title',
			'account.id as account_id',
			'account.name as company',
			accountTier.as('tier')
		])
		.orderBy('account.name_sort')
		.orderBy('contact.name_pinyin')
		.limit(limit)
		.execute();
}

export async function countContacts(db: Executor, filter: ContactListFilter): Promise<number> {
	const row = await filtered(db, filter)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** A page of contacts with their company, sorted by pinyin of the name. */
export function listContacts(
	db: Executor,
	filter: ContactListFilter,
	page: { limit: number; offset: number }
) {
	return filtered(db, filter)
		.select([
			'contact.id',
			'contact.name',
			'contact.name_latin',
			'contact.salutation',
			'contact.title',
			'contact.email',
			'contact.phone',
			'contact.locale',
			'contact.greeting_opt_out',
			'account.id as account_id',
			'account.name as account_name',
			'account.channel as channel'
		])
		.select(accountTier.as('tier'))
		.orderBy('contact.name_pinyin')
		.orderBy('contact.id')
		.limit(page.limit)
		.offset(page.offset)
		.execute();
}

/** Every column an export writes, for the contacts the filter selects, in list order. */
export function listContactsForExport(db: Executor, filter: ContactListFilter) {
	return filtered(db, filter)
		.selectAll('contact')
		.select([
			'account.name as account_name',
			(eb) =>
				eb
					.selectFrom('contact_date')
					.select(
						joinedText(sql`label || ': ' || coalesce(year || '-', '') || month_day`, '; ').as('d')
					)
					.whereRef('contact_date.contact_id', '=', 'contact.id')
					.as('dates')
		])
		.orderBy('contact.name_pinyin')
		.orderBy('contact.id')
		.execute();
}

/** Accounts for a picker: id and name, by pinyin. */
export function listAccountChoices(db: Executor) {
	return db
		.selectFrom('account')
		.select(['id', 'name', 'name_en'])
		.orderBy('name_sort')
		.orderBy('id')
		.execute();
}
