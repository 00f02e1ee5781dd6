import { describe, expect, it } from 'vitest';
import { createTestDb } from '../helpers/db';
import { newAccount, newContact } from '../helpers/accounts';
import { reviewOverdue, upcomingOccasions } from '$lib/server/greetings/upcoming';
import { insertCustomOccasion } from '$lib/server/greetings/repository';
import { createContact } from '$lib/server/contacts/service';
import { contactInputSchema } from '$lib/server/contacts/schema';

describe('upcoming occasions', () => {
	it('lists the festivals, custom occasions and personal dates of the next 60 days in order', async () => {
		const db = await createTestDb();
		const accountId = await newAccount(db, { name: '华联' });
		const wang = await newContact(db, accountId, '王伟');
		const li = await newContact(db, accountId, '李娜');
		const far = await newContact(db, accountId, '赵六');
		await db
			.updateTable('contact')
			.set({ birthday: '09-20', birth_year: 1980 })
			.where('id', '=', wang)
			.execute();
		// 八月十五 (lunar) is Mid-Autumn day: 2027-09-15.
		await db.updateTable('contact').set({ lunar_birthday: '08-15' }).where('id', '=', li).execute();
		await db.updateTable('contact').set({ birthday: '12-01' }).where('id', '=', far).execute();
		await db
			.insertInto('contact_date')
			.values({ contact_id: li, label: '结婚纪念日', month_day: '09-01', year: 2010 })
			.execute();
		await db
			.updateTable('account')
			.set({ anniversary: '10-10', anniversary_year: 2015 })
			.where('id', '=', accountId)
			.execute();
		await insertCustomOccasion(db, {
			name_zh: '公司周年',
			name_en: 'Our anniversary',
			month_day: '08-30'
		});

		const list = await upcomingOccasions(db, '2027-08-25');
		const summary = list.map((e) =>
			e.type === 'festival'
				? `${e.date} ${e.festival}`
				: e.type === 'custom'
					? `${e.date} custom ${e.nameEn}`
					: `${e.date} ${e.kind} ${e.person.name}${e.years ? ` ${e.years}` : ''}`
		);
		expect(summary).toEqual([
			'2027-08-30 custom Our anniversary',
			'2027-09-01 contact_date 李娜 17',
			'2027-09-15 mid_autumn',
			'2027-09-15 lunar_birthday 李娜',
			'2027-09-20 birthday 王伟 47',
			'2027-10-01 national_day',
			'2027-10-08 double_ninth',
			'2027-10-10 account_anniversary 华联 12'
		]);
		expect(list[0].inDays).toBe(5);
	});

	it('crosses the new year and keeps a 29 February birthday on 28 February', async () => {
		const db = await createTestDb();
		const accountId = await newAccount(db);
		const leap = await newContact(db, accountId, '孙七');
		await db.updateTable('contact').set({ birthday: '02-29' }).where('id', '=', leap).execute();
		const list = await upcomingOccasions(db, '2026-12-31');
		const dates = list.map((e) =>
			e.type === 'festival' ? `${e.date} ${e.festival}` : `${e.date} ${e.type}`
		);
		expect(dates).toEqual([
			'2027-01-01 new_year',
			'2027-02-05 new_years_eve',
			'2027-02-06 spring_festival',
			'2027-02-20 lantern',
			'2027-02-28 personal'
		]);
	});

	it('saves a lunar birthday typed in the contact form', async () => {
		const db = await createTestDb();
		const accountId = await newAccount(db);
		const input = contactInputSchema.parse({
			account_id: accountId,
			name: '周八',
			lunar_birthday: '8-15'
		});
		const id = await createContact(db, input, null);
		const row = await db
			.selectFrom('contact')
			.select('lunar_birthday')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.lunar_birthday).toBe('08-15');
		expect(
			contactInputSchema.safeParse({ account_id: accountId, name: 'x', lunar_birthday: '13-01' })
				.success
		).toBe(false);
	});
});

describe('monthly client-file review', () => {
	it('shows accounts never reviewed or reviewed more than a month ago', async () => {
		const db = await createTestDb();
		const fresh = await newAccount(db, { name: '新近' });
		const stale = await newAccount(db, { name: '过期' });
		await newAccount(db, { name: '从未' });
		await db
			.updateTable('account')
			.set({ last_reviewed_on: '2027-08-20' })
			.where('id', '=', fresh)
			.execute();
		await db
			.updateTable('account')
			.set({ last_reviewed_on: '2027-06-01' })
			.where('id', '=', stale)
			.execute();
		const { accounts, total } = await reviewOverdue(db, '2027-08-25');
		expect(total).toBe(2);
		expect(accounts.map((a) => a.name).sort()).toEqual(['从未', '过期']);
	});
});
