import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { ConflictError } from '$lib/server/errors';
import { loadContactList, parseContactQuery } from '$lib/server/contacts/queries';
import {
	contactFormSchema,
	contactInputSchema,
	createContact,
	deleteContact,
	EmailTakenError,
	updateContact
} from '$lib/server/contacts/service';
import { findContactById, listContactDates } from '$lib/server/contacts/repository';
import { createTestDb, newUser } from '../helpers/db';
import { newAccount } from '../helpers/accounts';
import { addInvitee, newGathering } from '../helpers/gatherings';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.destroy();
});

function issues(values: Record<string, unknown>): Record<string, string> {
	const result = contactInputSchema.safeParse({ account_id: 1, name: '王伟', ...values });
	if (result.success) {
		return {};
	}
	return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

async function add(accountId: number, values: Record<string, unknown> = {}, userId = null) {
	return createContact(
		db,
		contactInputSchema.parse({ account_id: accountId, name: '王伟', ...values }),
		userId
	);
}

async function search(q: Record<string, string>) {
	const list = await loadContactList(db, parseContactQuery(new URLSearchParams(q)));
	return list.contacts.map((c) => c.name);
}

describe('contact input', () => {
	it('accepts a full contact and normalises what people type', () => {
		const data = contactInputSchema.parse({
			account_id: '3',
			name: ' 王伟 ',
			name_latin: 'Wang Wei',
			salutation: '王总',
			email: ' Wang.Wei@Example.COM ',
			phone: '+86 138 0000 0000',
			locale: '英文',
			time_zone: 'Europe/Berlin',
			working_days: '1-3, 5',
			work_start: '8:30',
			work_end: '17:00',
			birthday: '1975-2-3',
			dates: [{ label: '结婚纪念日', date: '10-01' }],
			greeting_opt_out: '是'
		});
		expect(data).toMatchObject({
			account_id: 3,
			name: '王伟',
			email: 'wang.wei@example.com',
			locale: 'en',
			working_days: '1,2,3,5',
			work_start: '08:30',
			birthday: { month_day: '02-03', year: 1975 },
			dates: [{ label: '结婚纪念日', month_day: '10-01', year: null }],
			greeting_opt_out: true
		});
	});

	it('gives each wrong field its own message key', () => {
		expect(
			issues({
				name: '',
				email: 'not-an-email',
				time_zone: 'Mars/Olympus',
				birthday: '02-30',
				working_days: '8',
				locale: 'fr',
				phone: 'call me'
			})
		).toEqual({
			name: 'error_required',
			email: 'error_email',
			time_zone: 'error_time_zone',
			birthday: 'error_month_day',
			working_days: 'contacts_error_working_days',
			locale: 'error_choice',
			phone: 'contacts_error_phone'
		});
	});

	it('knows 29 February only in leap years and wants work to end after it starts', () => {
		expect(issues({ birthday: '02-29' })).toEqual({});
		expect(issues({ birthday: '1968-02-29' })).toEqual({});
		expect(issues({ birthday: '1969-02-29' })).toEqual({ birthday: 'error_month_day' });
		expect(issues({ work_start: '18:00', work_end: '09:00' })).toEqual({
			work_end: 'contacts_error_hours'
		});
	});

	it('reads the form with its parallel date lists and drops blank date rows', () => {
		const data = contactFormSchema.parse({
			account_id: '1',
			name: '李娜',
			working_days: ['1', '2'],
			date_label: ['生日宴', ''],
			date_value: ['2020-06-01', '']
		});
		expect(data.dates).toEqual([{ label: '生日宴', month_day: '06-01', year: 2020 }]);
		expect(data.working_days).toBe('1,2');
		const none = contactFormSchema.safeParse({ account_id: '1', name: '李娜', working_days: [] });
		expect(none.success).toBe(false);
	});

	it('keeps script tags as plain text (pages escape them)', () => {
		const data = contactInputSchema.parse({
			account_id: 1,
			name: '<script>alert(1)</script>'
		});
		expect(data.name).toBe('<script>alert(1)</script>');
	});
});

describe('contacts service', () => {
	it('creates a contact with pinyin keys and dates, and logs contact.created on the account', async () => {
		const userId = await newUser(db);
		const accountId = await newAccount(db, { name: '华联商贸' });
		const id = await createContact(
			db,
			contactInputSchema.parse({
				account_id: accountId,
				name: '欧阳娜娜',
				birthday: '05-20',
				dates: [{ label: '入职', date: '2015-03-01' }]
			}),
			userId
		);
		const contact = await findContactById(db, id);
		expect(contact).toMatchObject({
			name_pinyin: 'ouyangnana',
			name_initials: 'oynn',
			birthday: '05-20'
		});
		expect(await listContactDates(db, id)).toMatchObject([
			{ label: '入职', month_day: '03-01', year: 2015 }
		]);
		const log = await db
			.selectFrom('activity')
			.selectAll()
			.where('subject_type', '=', 'contact')
			.execute();
		expect(log).toMatchObject([
			{ action: 'contact.created', subject_id: id, account_id: accountId, user_id: userId }
		]);
	});

	it('refuses a second contact with the same email, whatever its case', async () => {
		const accountId = await newAccount(db);
		await add(accountId, { email: 'wang@example.com' });
		await expect(add(accountId, { name: '王伟二', email: 'WANG@example.com' })).rejects.toThrow(
			EmailTakenError
		);
		expect(await db.selectFrom('contact').select('id').execute()).toHaveLength(1);
	});

	it('records the changed fields on update, and nothing when nothing changed', async () => {
		const accountId = await newAccount(db);
		const id = await add(accountId, { title: '经理' });
		const input = contactInputSchema.parse({ account_id: accountId, name: '王伟', title: '总监' });
		expect(await updateContact(db, id, input, null)).toEqual(['title']);
		expect(await updateContact(db, id, input, null)).toEqual([]);
		const actions = await db
			.selectFrom('activity')
			.select('action')
			.where('subject_type', '=', 'contact')
			.execute();
		expect(actions.map((a) => a.action)).toEqual(['contact.created', 'contact.updated']);
	});

	it('refuses to delete a contact on a guest list, and deletes one who is not', async () => {
		const accountId = await newAccount(db);
		const invited = await add(accountId, { name: '张三' });
		const free = await add(accountId, { name: '李四' });
		const gathering = await newGathering(db);
		await addInvitee(db, gathering, { contact_id: invited }, { status: 'accepted' });
		await expect(deleteContact(db, invited, null)).rejects.toThrow(ConflictError);
		expect(await findContactById(db, invited)).toBeDefined();
		await deleteContact(db, free, null);
		expect(await findContactById(db, free)).toBeUndefined();
	});
});

describe('contact search and filters', () => {
	beforeEach(async () => {
		const owner = await newUser(db, { name: '刘经理' });
		const key = await newAccount(db, {
			name: '华联商贸',
			name_en: 'Hualian Trading',
			channel: 'distributor',
			annual_sales: '9000000',
			owner_user_id: owner,
			tags: '华东'
		});
		const small = await newAccount(db, {
			name: '便利小店',
			channel: 'small_retail',
			annual_sales: '1000'
		});
		await add(key, { name: '王伟', name_latin: 'Wang Wei', email: 'wangwei@hualian.example' });
		await add(key, { name: '欧阳娜娜', email: 'nana@hualian.example' });
		await add(small, { name: '吴伟', email: 'wu@shop.example' });
		await add(small, { name: 'Anna Smith', email: 'anna@shop.example' });
	});

	it('finds 王伟 by pinyin initials, full pinyin, Latin name and Chinese name', async () => {
		expect(await search({ q: 'ww' })).toEqual(['王伟', '吴伟']);
		expect(await search({ q: 'wangwei' })).toEqual(['王伟']);
		expect(await search({ q: 'Wang Wei' })).toEqual(['王伟']);
		expect(await search({ q: '王伟' })).toEqual(['王伟']);
		expect(await search({ q: 'oynn' })).toEqual(['欧阳娜娜']);
	});

	it('finds 吕 by "lv", as people type ü on a keyboard', async () => {
		const account = await newAccount(db, { name: '吕氏商行' });
		await add(account, { name: '吕绿', email: 'lv@example.com' });
		expect(await search({ q: 'lv' })).toEqual(['吕绿']);
		expect(await search({ q: 'll' })).toEqual(['吕绿']);
		expect(await search({ q: 'lvlv' })).toEqual(['吕绿']);
	});

	it('finds people by company (Chinese or English) and by email', async () => {
		expect(await search({ q: '华联' })).toEqual(['欧阳娜娜', '王伟']);
		expect(await search({ q: 'hualian trading' })).toEqual(['欧阳娜娜', '王伟']);
		expect(await search({ q: 'anna@shop' })).toEqual(['Anna Smith']);
	});

	it('filters by the account’s channel, owner, tag and tier, sorted by pinyin', async () => {
		expect(await search({ channel: 'small_retail' })).toEqual(['Anna Smith', '吴伟']);
		const owner = await db.selectFrom('user').select('id').executeTakeFirstOrThrow();
		expect(await search({ owner: String(owner.id) })).toEqual(['欧阳娜娜', '王伟']);
		expect(await search({ tag: '华东' })).toEqual(['欧阳娜娜', '王伟']);
		expect(await search({ tier: 'key', channel: 'distributor' })).toEqual(['欧阳娜娜', '王伟']);
		expect(await search({ q: '%' })).toEqual([]);
	});

	it('pages through the list 25 at a time', async () => {
		const accountId = await newAccount(db);
		for (let i = 0; i < 30; i++) {
			await add(accountId, { name: `测试${String(i).padStart(2, '0')}` });
		}
		const first = await loadContactList(db, parseContactQuery(new URLSearchParams()));
		const last = await loadContactList(db, parseContactQuery(new URLSearchParams('page=9')));
		expect([first.total, first.pages, first.contacts.length]).toEqual([34, 2, 25]);
		expect([last.page, last.contacts.length]).toEqual([2, 9]);
	});
});
