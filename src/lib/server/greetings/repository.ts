import { effectiveTier } from '../accounts/effective-tier';
import { sql } from 'kysely';
import type { Executor } from '../db';
import { nowIso } from '../time';

const accountTier = effectiveTier<string>('account');

/** Custom occasions an admin added, by date. */
export function listCustomOccasions(db: Executor) {
	return db
		.selectFrom('greeting_occasion')
		.select(['id', 'name_zh', 'name_en', 'month_day'])
		.orderBy('month_day')
		.execute();
}

export function findCustomOccasion(db: Executor, id: number) {
	return db
		.selectFrom('greeting_occasion')
		.select(['id', 'name_zh', 'name_en', 'month_day'])
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function insertCustomOccasion(
	db: Executor,
	values: { name_zh: string; name_en: string; month_day: string }
): Promise<number> {
	const row = await db
		.insertInto('greeting_occasion')
		.values({ ...values, created_at: nowIso() })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function deleteCustomOccasion(db: Executor, id: number) {
	await db.deleteFrom('greeting_occasion').where('id', '=', id).execute();
}

/** Contacts with a birthday (solar or lunar), with their company: for the upcoming calendar. */
export function listContactsWithBirthdays(db: Executor) {
	return db
		.selectFrom('contact')
		.innerJoin('account', 'account.id', 'contact.account_id')
		.leftJoin('user as owner', 'owner.id', 'account.owner_user_id')
		.select([
			'contact.id',
			'contact.name',
			'contact.name_latin',
			'contact.birthday',
			'contact.birth_year',
			'contact.lunar_birthday',
			'account.id as account_id',
			'account.name as company',
			'owner.name as owner_name',
			accountTier.as('tier')
		])
		.where((eb) =>
			eb.or([eb('contact.birthday', 'is not', null), eb('contact.lunar_birthday', 'is not', null)])
		)
		.execute();
}

/** Contacts' other important dates (wedding anniversary, child's birthday …). */
export function listContactDates(db: Executor) {
	return db
		.selectFrom('contact_date')
		.innerJoin('contact', 'contact.id', 'contact_date.contact_id')
		.innerJoin('account', 'account.id', 'contact.account_id')
		.leftJoin('user as owner', 'owner.id', 'account.owner_user_id')
		.select([
			'contact_date.id as date_id',
			'contact_date.label',
			'contact_date.month_day',
			'contact_date.year',
			'contact.id',
			'contact.name',
			'contact.name_latin',
			'account.id as account_id',
			'account.name as company',
			'owner.name as owner_name',
			accountTier.as('tier')
		])
		.execute();
}

export function listAccountAnniversaries(db: Executor) {
	return db
		.selectFrom('account')
		.leftJoin('user as owner', 'owner.id', 'account.owner_user_id')
		.select([
			'account.id',
			'account.name',
			'account.anniversary',
			'account.anniversary_year',
			'owner.name as owner_name',
			accountTier.as('tier')
		])
		.where('account.anniversary', 'is not', null)
		.execute();
}

/** Accounts due for their monthly client-file review (never reviewed, or before `before`). */
export function listReviewOverdue(db: Executor, before: string, limit: number) {
	return db
		.selectFrom('account')
		.leftJoin('user as owner', 'owner.id', 'account.owner_user_id')
		.select([
			'account.id',
			'account.name',
			'account.last_reviewed_on',
			'owner.name as owner_name',
			accountTier.as('tier')
		])
		.where((eb) =>
			eb.or([
				eb('account.last_reviewed_on', 'is', null),
				eb('account.last_reviewed_on', '<', before)
			])
		)
		.orderBy(sql`coalesce(account.last_reviewed_on, '')`)
		.orderBy('account.name_sort')
		.limit(limit)
		.execute();
}

export async function countReviewOverdue(db: Executor, before: string): Promise<number> {
	const row = await db
		.selectFrom('account')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where((eb) =>
			eb.or([
				eb('account.last_reviewed_on', 'is', null),
				eb('account.last_reviewed_on', '<', before)
			])
		)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
