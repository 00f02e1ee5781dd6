import type { Executor } from '../db';
import type { RecurringGreetingTable } from '../db/schema';
import type { Insertable } from 'kysely';

export function findRecurring(db: Executor, userId: number) {
	return db
		.selectFrom('recurring_greeting')
		.selectAll()
		.where('user_id', '=', userId)
		.executeTakeFirst();
}

export async function upsertRecurring(
	db: Executor,
	values: Insertable<RecurringGreetingTable> & { user_id: number }
) {
	const { user_id: _userId, ...update } = values;
	await db
		.insertInto('recurring_greeting')
		.values(values)
		.onConflict((oc) => oc.column('user_id').doUpdateSet(update))
		.execute();
}

/** Account managers (still active) who opted in to birthday or anniversary greetings. */
export function listRecurringManagers(db: Executor) {
	return db
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
}

export type RecurringManager = Awaited<ReturnType<typeof listRecurringManagers>>[number];

/** The contacts of a manager's accounts who can be greeted, with their dates and account's. */
export function listRecurringContacts(db: Executor, userId: number) {
	return db
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
			'account.id as account_id',
			'account.name as company',
			'account.name_en as company_en',
			'account.anniversary as account_anniversary'
		])
		.where('account.owner_user_id', '=', userId)
		.where('contact.email', 'is not', null)
		.where('contact.greeting_opt_out', '=', 0)
		.execute();
}

export type RecurringContact = Awaited<ReturnType<typeof listRecurringContacts>>[number];

export function listDatesOfContacts(db: Executor, contactIds: number[]) {
	if (contactIds.length === 0) {
		return Promise.resolve([]);
	}
	return db
		.selectFrom('contact_date')
		.select(['id', 'contact_id', 'label', 'month_day'])
		.where('contact_id', 'in', contactIds)
		.execute();
}
