import { describe, expect, it } from 'vitest';
import { createTestDb, newUser } from '../helpers/db';
import { newRecipient } from '../helpers/greetings';
import { accountInputSchema } from '$lib/server/accounts/schema';
import { accountFormValues } from '$lib/server/accounts/form';
import { createAccount, updateAccount } from '$lib/server/accounts/service';
import { findAccountById } from '$lib/server/accounts/repository';
import { upcomingOccasions } from '$lib/server/greetings/upcoming';
import {
	recurringDefaults,
	runRecurringGreetings,
	saveRecurring
} from '$lib/server/greetings/recurring';

const form = (values: Record<string, string>) =>
	accountInputSchema.parse({ name: '华联超市', channel: 'distributor', ...values });

describe("an account's anniversary", () => {
	it('is entered on the account form as YYYY-MM-DD or MM-DD, refused when not a date, and shown again for editing', async () => {
		const db = await createTestDb();
		const id = await createAccount(db, form({ anniversary: '2015/6/18' }), null);
		let account = (await findAccountById(db, id))!;
		expect([account.anniversary, account.anniversary_year]).toEqual(['06-18', 2015]);
		expect(accountFormValues(account, []).anniversary).toBe('2015-06-18');

		await updateAccount(db, id, form({ anniversary: '02-29' }), null);
		account = (await findAccountById(db, id))!;
		expect([account.anniversary, account.anniversary_year]).toEqual(['02-29', null]);
		expect(accountFormValues(account, []).anniversary).toBe('02-29');

		// A partial update (a CSV without the column) leaves it; an empty field clears it.
		await updateAccount(db, id, accountInputSchema.partial().parse({ region: '华东' }), null);
		expect((await findAccountById(db, id))!.anniversary).toBe('02-29');
		await updateAccount(db, id, form({ anniversary: '' }), null);
		account = (await findAccountById(db, id))!;
		expect([account.anniversary, account.anniversary_year]).toEqual([null, null]);

		for (const bad of ['13-01', '2023-02-29', '06-31', 'next June', '1850-01-01']) {
			const result = accountInputSchema.safeParse({
				name: 'x',
				channel: 'other',
				anniversary: bad
			});
			expect(result.success, bad).toBe(false);
			expect(result.error?.issues[0]).toMatchObject({
				path: ['anniversary'],
				message: 'error_month_day'
			});
		}
	});

	it("appears on the Upcoming page and greets the account's contacts at 09:00 in each one's zone, once a year", async () => {
		const db = await createTestDb();
		const manager = await newUser(db, { name: '陈经理', email: 'chen@host.example' });
		const id = await createAccount(
			db,
			form({ anniversary: '2015-10-10', owner_user_id: String(manager) }),
			null
		);
		await newRecipient(db, id, {
			name: '王伟',
			email: 'wang@client.example',
			time_zone: 'Asia/Shanghai'
		});
		await newRecipient(db, id, {
			name: 'Ann Lee',
			name_latin: 'Ann Lee',
			locale: 'en',
			email: 'ann@client.example',
			time_zone: 'America/Los_Angeles'
		});

		const upcoming = await upcomingOccasions(db, '2027-10-01');
		const entry = upcoming.find((e) => e.type !== 'festival' && e.type !== 'custom');
		expect(entry).toMatchObject({ date: '2027-10-10', kind: 'account_anniversary', years: 12 });

		// Not opted in: nothing.
		expect(await runRecurringGreetings(db, new Date('2027-10-10T01:00:00Z'))).toBe(0);
		await saveRecurring(db, manager, { ...recurringDefaults, anniversary: true });
		// 08:59 in Shanghai on 10 October: nothing yet.
		expect(await runRecurringGreetings(db, new Date('2027-10-10T00:59:00Z'))).toBe(0);
		// 09:00 in Shanghai: 王伟; in Los Angeles it is still 9 October.
		expect(await runRecurringGreetings(db, new Date('2027-10-10T01:00:00Z'))).toBe(1);
		// 09:00 on 10 October in Los Angeles (PDT, UTC-7): Ann; 王伟 is not greeted again.
		expect(await runRecurringGreetings(db, new Date('2027-10-10T15:59:00Z'))).toBe(0);
		expect(await runRecurringGreetings(db, new Date('2027-10-10T16:00:00Z'))).toBe(1);
		expect(await runRecurringGreetings(db, new Date('2027-10-10T20:00:00Z'))).toBe(0);
		const rows = await db
			.selectFrom('outbox_message')
			.select(['to_address', 'subject', 'dedupe_key'])
			.orderBy('id')
			.execute();
		expect(rows).toEqual([
			{
				to_address: 'wang@client.example',
				subject: '王伟，合作周年纪念日快乐！',
				dedupe_key: expect.stringMatching(/^greeting:account_anniversary:\d+:\d+:2027$/)
			},
			{
				to_address: 'ann@client.example',
				subject: 'Happy Partnership Anniversary, Ann Lee!',
				dedupe_key: expect.stringMatching(/^greeting:account_anniversary:\d+:\d+:2027$/)
			}
		]);
	});
});
