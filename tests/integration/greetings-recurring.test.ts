import { describe, expect, it } from 'vitest';
import { createTestDb, newUser } from '../helpers/db';
import { newAccount } from '../helpers/accounts';
import { newRecipient } from '../helpers/greetings';
import {
	recurringDefaults,
	recurringSchema,
	runRecurringGreetings,
	saveRecurring
} from '$lib/server/greetings/recurring';

async function setUp() {
	const db = await createTestDb();
	const manager = await newUser(db, { name: '陈经理', email: 'chen@host.example' });
	const account = await newAccount(db, { owner_user_id: manager });
	await saveRecurring(db, manager, { ...recurringDefaults, birthday: true, anniversary: true });
	return { db, manager, account };
}

async function sent(db: Awaited<ReturnType<typeof createTestDb>>) {
	return db
		.selectFrom('outbox_message')
		.select(['to_address', 'subject', 'dedupe_key', 'from_name'])
		.orderBy('id')
		.execute();
}

describe('recurring birthday greetings', () => {
	it('greets a contact in Los Angeles with a birthday on 3 March at 09:00 Los Angeles time, once', async () => {
		const { db, account } = await setUp();
		await newRecipient(db, account, {
			name: 'Ann Lee',
			name_latin: 'Ann Lee',
			locale: 'en',
			email: 'ann@client.example',
			time_zone: 'America/Los_Angeles',
			birthday: '03-03'
		});
		// 09:00 on 2 March in LA (the day before): nothing.
		expect(await runRecurringGreetings(db, new Date('2027-03-02T17:00:00Z'))).toBe(0);
		// 3 March already in Shanghai and in UTC, but 08:59 in LA (PST, UTC-8): nothing yet.
		expect(await runRecurringGreetings(db, new Date('2027-03-03T16:59:00Z'))).toBe(0);
		// 09:00 on 3 March in Los Angeles.
		expect(await runRecurringGreetings(db, new Date('2027-03-03T17:00:00Z'))).toBe(1);
		// Later ticks that day, and a restart, send nothing more.
		expect(await runRecurringGreetings(db, new Date('2027-03-03T23:00:00Z'))).toBe(0);
		expect(await runRecurringGreetings(db, new Date('2027-03-04T07:59:00Z'))).toBe(0);
		// 4 March in LA: the day after, nothing.
		expect(await runRecurringGreetings(db, new Date('2027-03-04T17:00:00Z'))).toBe(0);
		const rows = await sent(db);
		expect(rows).toEqual([
			{
				to_address: 'ann@client.example',
				subject: 'Happy Birthday, Ann Lee!',
				dedupe_key: expect.stringMatching(/^greeting:birthday:\d+:2027$/),
				from_name: '陈经理'
			}
		]);
		// Next year again, once.
		expect(await runRecurringGreetings(db, new Date('2028-03-03T17:00:00Z'))).toBe(1);
	});

	it('greets a Shanghai contact at 09:00 Shanghai time, and lunar birthdays and important dates too', async () => {
		const { db, account } = await setUp();
		const wang = await newRecipient(db, account, {
			name: '王伟',
			salutation: '王总',
			email: 'wang@client.example',
			birthday: '03-03'
		});
		await db
			.updateTable('contact')
			.set({ lunar_birthday: '08-15' })
			.where('id', '=', wang)
			.execute();
		await db
			.insertInto('contact_date')
			.values({ contact_id: wang, label: '结婚纪念日', month_day: '05-20', year: null })
			.execute();
		expect(await runRecurringGreetings(db, new Date('2027-03-03T00:59:00Z'))).toBe(0);
		expect(await runRecurringGreetings(db, new Date('2027-03-03T01:00:00Z'))).toBe(1);
		expect(await runRecurringGreetings(db, new Date('2027-05-20T01:00:00Z'))).toBe(1);
		// 八月十五 2027 is 15 September.
		expect(await runRecurringGreetings(db, new Date('2027-09-14T01:00:00Z'))).toBe(0);
		expect(await runRecurringGreetings(db, new Date('2027-09-15T01:00:00Z'))).toBe(1);
		expect((await sent(db)).map((r) => r.subject)).toEqual([
			'王总，生日快乐！',
			'王总，结婚纪念日快乐！',
			'王总，生日快乐！'
		]);
	});

	it('sends nothing for managers who did not opt in, or to unsubscribed contacts', async () => {
		const db = await createTestDb();
		const manager = await newUser(db);
		const account = await newAccount(db, { owner_user_id: manager });
		await newRecipient(db, account, { name: '甲', birthday: '03-03' });
		expect(await runRecurringGreetings(db, new Date('2027-03-03T05:00:00Z'))).toBe(0);
		await saveRecurring(db, manager, { ...recurringDefaults, birthday: true });
		await db.updateTable('contact').set({ greeting_opt_out: 1 }).execute();
		expect(await runRecurringGreetings(db, new Date('2027-03-03T05:00:00Z'))).toBe(0);
		expect(
			recurringSchema.safeParse({ ...recurringDefaults, subject_en: '{{birthday}}' }).success
		).toBe(false);
	});
});
