import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { findContactByEmail, listContactDates } from '$lib/server/contacts/repository';
import { contactInputSchema, createContact } from '$lib/server/contacts/service';
import { CsvFileError } from '$lib/server/csv/decode';
import { exportAccountsCsv, exportContactsCsv } from '$lib/server/csv/export';
import { importAccounts, planAccountImport } from '$lib/server/csv/import-accounts';
import {
	ImportHasErrorsError,
	importContacts,
	planContactImport
} from '$lib/server/csv/import-contacts';
import { parseListQuery } from '$lib/server/accounts/queries';
import { createTestDb, newUser } from '../helpers/db';
import { newAccount } from '../helpers/accounts';

const COMPANY = '华东联合商贸';

/** A fixture with its run marker removed (the e2e test puts a per-run suffix there). */
function fixture(name: string): Uint8Array {
	const raw = readFileSync(`tests/fixtures/csv/${name}`);
	return new Uint8Array(Buffer.from(raw.toString('latin1').replaceAll('__RUN__', ''), 'latin1'));
}

const encode = (text: string) => new TextEncoder().encode(text);

let db: Db;
let accountId: number;
beforeEach(async () => {
	db = await createTestDb();
	accountId = await newAccount(db, { name: COMPANY, name_en: 'East China United' });
});
afterEach(async () => {
	await db.destroy();
});

const contactNames = async () =>
	(await db.selectFrom('contact').select('name').orderBy('name_pinyin').execute()).map(
		(c) => c.name
	);

describe('contacts CSV import', () => {
	it('imports a UTF-8 file with Chinese headers, dates, language and opt-out', async () => {
		const userId = await newUser(db);
		const result = await importContacts(db, fixture('contacts-utf8.csv'), userId);
		expect(result).toEqual({ created: 2, updated: 0, unchanged: 0, skipped: 0 });
		const yan = await findContactByEmail(db, 'yan.xuemei@example.com');
		expect(yan).toMatchObject({
			account_id: accountId,
			name: '闫雪梅',
			name_initials: 'yxm',
			salutation: '闫总',
			birthday: '05-20',
			greeting_opt_out: 0,
			locale: 'zh-CN'
		});
		expect(await listContactDates(db, yan!.id)).toMatchObject([
			{ label: '入职', month_day: '03-15', year: null },
			{ label: '结婚纪念日', month_day: '10-01', year: 2001 }
		]);
		const anna = await findContactByEmail(db, 'anna.smith@example.com');
		expect(anna).toMatchObject({
			locale: 'en',
			working_days: '1,2,3,4',
			birth_year: 1980,
			greeting_opt_out: 1,
			notes: '=HYPERLINK("http://evil.example")'
		});
		const log = await db
			.selectFrom('activity')
			.select(['action', 'user_id', 'account_id'])
			.where('subject_type', '=', 'contact')
			.execute();
		expect(log).toEqual([
			{ action: 'contact.created', user_id: userId, account_id: accountId },
			{ action: 'contact.created', user_id: userId, account_id: accountId }
		]);
	});

	it('imports UTF-8 with a BOM and English headers', async () => {
		const { plan } = await planContactImport(db, fixture('contacts-utf8-bom.csv'));
		expect(plan).toMatchObject({ encoding: 'utf-8', counts: { create: 1, update: 0, error: 0 } });
		await importContacts(db, fixture('contacts-utf8-bom.csv'), null);
		expect(await contactNames()).toEqual(['欧阳娜娜']);
	});

	it('imports a GB18030 file as Excel in China saves it', async () => {
		const bytes = fixture('contacts-gb18030.csv');
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
		const { plan } = await planContactImport(db, bytes);
		expect(plan.encoding).toBe('gb18030');
		await importContacts(db, bytes, null);
		expect(await contactNames()).toEqual(['司马光明', '诸葛亮']);
		expect(await findContactByEmail(db, 'sima.guangming@example.com')).toMatchObject({
			salutation: '司马总',
			dietary: '不吃辣',
			birthday: '02-29',
			birth_year: 1968
		});
	});

	it('previews every bad row with its line, field and message, and writes nothing', async () => {
		const bytes = fixture('contacts-bad-rows.csv');
		const { plan } = await planContactImport(db, bytes);
		expect(plan.counts).toEqual({ create: 1, update: 0, error: 4 });
		const byLine = Object.fromEntries(
			plan.rows.map((r) => [r.line, r.issues.map((i) => `${i.field}:${i.key}`).sort()])
		);
		expect(byLine).toEqual({
			2: [],
			3: ['company:csv_error_unknown_company'],
			4: ['birthday:error_month_day', 'email:error_email'],
			5: ['name:error_required'],
			6: [
				'email:csv_error_duplicate_email',
				'work_end:contacts_error_hours',
				'working_days:contacts_error_working_days'
			]
		});
		await expect(importContacts(db, bytes, null)).rejects.toThrow(ImportHasErrorsError);
		expect(await contactNames()).toEqual([]);
		expect(
			await db.selectFrom('activity').select('id').where('subject_type', '=', 'contact').execute()
		).toEqual([]);
	});

	it('imports only the good rows when told to skip the bad ones', async () => {
		const result = await importContacts(db, fixture('contacts-bad-rows.csv'), null, {
			skipInvalid: true
		});
		expect(result).toEqual({ created: 1, updated: 0, unchanged: 0, skipped: 4 });
		expect(await contactNames()).toEqual(['刘洋']);
	});

	it('links every new contact to its own dates and history across insert batches', async () => {
		const lines = ['公司,姓名,邮箱,重要日期'];
		for (let i = 0; i < 450; i++) {
			lines.push(
				`${COMPANY},联系人${i},p${i}@example.com,第${i}号: 01-${String((i % 28) + 1).padStart(2, '0')}`
			);
		}
		expect(await importContacts(db, encode(lines.join('\n')), null)).toMatchObject({
			created: 450
		});
		const mismatched = await db
			.selectFrom('contact')
			.innerJoin('contact_date', 'contact_date.contact_id', 'contact.id')
			.select(['contact.name', 'contact_date.label'])
			.execute();
		expect(mismatched).toHaveLength(450);
		expect(mismatched.filter((r) => r.name.slice(3) !== r.label.slice(1, -1))).toEqual([]);
		const history = await db
			.selectFrom('activity')
			.innerJoin('contact', 'contact.id', 'activity.subject_id')
			.select(['contact.name', 'activity.details'])
			.where('activity.subject_type', '=', 'contact')
			.execute();
		expect(history.filter((h) => JSON.parse(h.details).name !== h.name)).toEqual([]);
		expect(history).toHaveLength(450);
	});

	it('reports a repeated email inside the file at the second row', async () => {
		const csv = `公司,姓名,邮箱\n${COMPANY},王伟,w@example.com\n${COMPANY},王伟二,W@Example.com\n`;
		const { plan } = await planContactImport(db, encode(csv));
		expect(plan.rows[1]).toMatchObject({
			action: 'error',
			issues: [{ field: 'email', key: 'csv_error_duplicate_email', params: { line: 2 } }]
		});
	});

	it('updates a contact whose email exists and keeps the columns the file leaves out', async () => {
		const id = await createContact(
			db,
			contactInputSchema.parse({
				account_id: accountId,
				name: '王伟',
				email: 'wang@example.com',
				hobbies: '高尔夫',
				birthday: '01-02'
			}),
			null
		);
		const csv = `Company,Name,Email,Title\nEast China United,王伟,WANG@example.com,采购总监\n`;
		const { plan } = await planContactImport(db, encode(csv));
		expect(plan.rows[0].action).toBe('update');
		const result = await importContacts(db, encode(csv), null);
		expect(result).toMatchObject({ created: 0, updated: 1 });
		expect(await findContactByEmail(db, 'wang@example.com')).toMatchObject({
			id,
			title: '采购总监',
			hobbies: '高尔夫',
			birthday: '01-02'
		});
		// The same file again changes nothing.
		expect(await importContacts(db, encode(csv), null)).toMatchObject({ updated: 0, unchanged: 1 });
	});

	it('refuses broken files with a clear reason and writes nothing', async () => {
		const reason = async (bytes: Uint8Array) => {
			try {
				await importContacts(db, bytes, null);
				return 'imported';
			} catch (err) {
				return err instanceof CsvFileError ? err.messageKey : String(err);
			}
		};
		expect(await reason(encode(''))).toBe('csv_error_empty');
		expect(await reason(encode('姓名,邮箱\n王伟,w@example.com\n'))).toBe(
			'csv_error_missing_column'
		);
		expect(await reason(encode('公司,姓名\n"华东,王伟\n'))).toBe('csv_error_quotes');
		expect(await reason(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]))).toBe(
			'csv_error_not_text'
		);
		expect(await contactNames()).toEqual([]);
	});
});

describe('accounts CSV import', () => {
	it('creates new accounts, updates an existing one by name, and computes tiers', async () => {
		const owner = await newUser(db, { email: 'owner@example.com', name: '刘经理' });
		const csv = new TextDecoder()
			.decode(fixture('accounts.csv'))
			.replace('标签', '标签,负责人')
			.replace('"华东,重点"', '"华东,重点",owner@example.com')
			.replace(/-20000,\r\n/, '-20000,,\r\n');
		const { plan } = await planAccountImport(db, encode(csv));
		expect(plan.counts).toEqual({ create: 1, update: 1, error: 0 });
		await importAccounts(db, encode(csv), null);
		const rows = await db
			.selectFrom('account')
			.select([
				'name',
				'channel',
				'annual_sales_minor',
				'annual_profit_minor',
				'owner_user_id',
				'auto_tier'
			])
			.orderBy('id')
			.execute();
		expect(rows).toEqual([
			{
				name: COMPANY,
				channel: 'distributor',
				annual_sales_minor: 1_200_000_000,
				annual_profit_minor: 150_000_050,
				owner_user_id: owner,
				auto_tier: 'key'
			},
			{
				name: '华南永辉连锁',
				channel: 'ka_retailer',
				annual_sales_minor: 800_000_000,
				annual_profit_minor: -2_000_000,
				owner_user_id: null,
				auto_tier: 'key'
			}
		]);
	});

	it('reports an unknown owner and a bad channel, and writes nothing', async () => {
		const csv = '公司,渠道,负责人\n新公司,火星渠道,nobody@example.com\n';
		const { plan } = await planAccountImport(db, encode(csv));
		expect(plan.rows[0].issues.map((i) => `${i.field}:${i.key}`).sort()).toEqual([
			'channel:error_choice',
			'owner:csv_error_unknown_owner'
		]);
		await expect(importAccounts(db, encode(csv), null)).rejects.toThrow(ImportHasErrorsError);
		expect(await db.selectFrom('account').select('id').execute()).toHaveLength(1);
	});
});

describe('CSV export', () => {
	it('writes contacts as UTF-8 with a BOM and CRLF, neutralising formula cells', async () => {
		await importContacts(db, fixture('contacts-utf8.csv'), null);
		const csv = await exportContactsCsv(db, {}, 'zh-CN');
		expect(csv.startsWith('\uFEFF公司,姓名,英文名')).toBe(true);
		expect(csv.split('\r\n')).toHaveLength(4);
		expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
		expect(csv).toContain("'+86 138 0000 0001");
	});

	it('round-trips contacts through the importer unchanged', async () => {
		await importContacts(db, fixture('contacts-utf8.csv'), null);
		await importContacts(db, fixture('contacts-gb18030.csv'), null);
		const before = await db.selectFrom('contact').selectAll().orderBy('id').execute();
		const csv = await exportContactsCsv(db, {}, 'en');
		const { plan } = await planContactImport(db, encode(csv));
		expect(plan.counts).toEqual({ create: 0, update: 4, error: 0 });
		expect(await importContacts(db, encode(csv), null)).toMatchObject({ updated: 0, unchanged: 4 });
		expect(await db.selectFrom('contact').selectAll().orderBy('id').execute()).toEqual(before);
	});

	it('respects the list filters', async () => {
		const other = await newAccount(db, { name: '别家公司' });
		await createContact(db, contactInputSchema.parse({ account_id: other, name: '张三' }), null);
		await importContacts(db, fixture('contacts-utf8-bom.csv'), null);
		const csv = await exportContactsCsv(db, { accountId: other }, 'zh-CN');
		expect(csv).toContain('张三');
		expect(csv).not.toContain('欧阳娜娜');
	});

	it('round-trips accounts, with negative profit as a number', async () => {
		await importAccounts(db, fixture('accounts.csv'), null);
		const csv = await exportAccountsCsv(
			db,
			parseListQuery(new URLSearchParams()),
			'2026-11-23',
			'zh-CN'
		);
		expect(csv).toContain(',-20000,');
		const { plan } = await planAccountImport(db, encode(csv));
		expect(plan.counts).toEqual({ create: 0, update: 2, error: 0 });
		expect(await importAccounts(db, encode(csv), null)).toMatchObject({ updated: 0, unchanged: 2 });
	});
});
