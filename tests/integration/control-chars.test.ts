import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Db } from '$lib/server/db';
import { planContactImport } from '$lib/server/csv/import-contacts';
import { planAccountImport } from '$lib/server/csv/import-accounts';
import { addMaterial, listGatheringMaterials } from '$lib/server/materials/service';
import { up as cleanControlCharacters } from '../../migrations/2026-11-29T1020_clean_control_characters';
import { createTestDb } from '../helpers/db';
import { newAccount } from '../helpers/accounts';
import { addInvitee, newContact, newGathering, newStaffMember } from '../helpers/gatherings';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.destroy();
});

const encode = (text: string) => new TextEncoder().encode(text);

describe('the CSV importer refuses control characters with the forms’ rule', () => {
	it('marks a contact row whose name holds an ESC or a bidi override', async () => {
		await newAccount(db, { name: '华东联合商贸' });
		const csv =
			'姓名,公司,邮箱\n' +
			'王\u001b伟,华东联合商贸,wang@example.com\n' +
			'李\u202e娜,华东联合商贸,li@example.com\n' +
			'张三,华东联合商贸,zhang@example.com\n';
		const { plan } = await planContactImport(db, encode(csv));
		expect(plan.rows.map((r) => r.action)).toEqual(['error', 'error', 'create']);
		for (const row of plan.rows.slice(0, 2)) {
			expect(row.issues).toContainEqual(
				expect.objectContaining({ field: 'name', key: 'security_error_control_chars' })
			);
		}
	});

	it('keeps line breaks in an account’s notes but not in its name', async () => {
		const csv =
			'公司,渠道,备注\n' +
			'"华东\n商贸",经销商,一行\n' +
			'华南商贸,经销商,"第一行\n第二行"\n' +
			'西北商贸,经销商,"响铃\u0007"\n';
		const { plan } = await planAccountImport(db, encode(csv));
		expect(plan.rows.map((r) => r.action)).toEqual(['error', 'create', 'error']);
		expect(plan.rows[0].issues).toContainEqual(
			expect.objectContaining({ field: 'name', key: 'security_error_line_breaks' })
		);
		expect(plan.rows[2].issues).toContainEqual(
			expect.objectContaining({ field: 'notes', key: 'security_error_control_chars' })
		);
	});
});

describe('the migration cleans rows stored before the rule', () => {
	it('strips control and bidi characters, and line breaks from single-line columns', async () => {
		const accountId = await newAccount(db, { name: '华东商贸' });
		await db
			.updateTable('account')
			.set({ name: '华东\u0000商贸\u202e', notes: '第一行\n第二\u001b[31m行' })
			.where('id', '=', accountId)
			.execute();
		await db
			.insertInto('account_tag')
			.values({ account_id: accountId, tag: 'V\u0007IP' })
			.execute();
		const { id: contactId } = await newContact(db, {
			account_id: accountId,
			name: '王\u0007伟',
			title: '总经理\r\n(代)',
			notes: '电话\u2066联系\u2069\n周一'
		});
		const gatheringId = await newGathering(db, {
			host_name: '王经理\r\nBEGIN:VEVENT',
			description_zh: '欢迎\u0000\n晚宴'
		});
		const staffId = await newStaffMember(db, { name: '刘\u009b总' });
		const { id: inviteeId } = await addInvitee(db, gatheringId, { contact_id: contactId });
		// The migration is frozen at its date, when companions were a JSON list on the invitee
		// (a later migration moved them to invitee_companion): give the column back to test it.
		await db.schema
			.alterTable('invitee')
			.addColumn('companion_names', 'text', (c) => c.notNull().defaultTo('[]'))
			.execute();
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		const legacy = db as unknown as Kysely<any>;
		await legacy
			.updateTable('invitee')
			.set({
				companion_names: JSON.stringify(['李\u0000四', '赵五']),
				message_to_host: '谢谢\u202a!'
			})
			.where('id', '=', inviteeId)
			.execute();
		const untouched = await db.selectFrom('contact').select('updated_at').executeTakeFirstOrThrow();

		await cleanControlCharacters(db);

		const account = await db
			.selectFrom('account')
			.select(['name', 'notes'])
			.where('id', '=', accountId)
			.executeTakeFirstOrThrow();
		expect(account).toEqual({ name: '华东商贸', notes: '第一行\n第二[31m行' });
		expect(
			await db.selectFrom('account_tag').select('tag').where('account_id', '=', accountId).execute()
		).toEqual([{ tag: 'VIP' }]);
		const contact = await db
			.selectFrom('contact')
			.select(['name', 'title', 'notes', 'updated_at'])
			.where('id', '=', contactId)
			.executeTakeFirstOrThrow();
		expect(contact).toEqual({
			name: '王伟',
			title: '总经理 (代)',
			notes: '电话联系\n周一',
			updated_at: untouched.updated_at
		});
		const gathering = await db
			.selectFrom('gathering')
			.select(['host_name', 'description_zh'])
			.where('id', '=', gatheringId)
			.executeTakeFirstOrThrow();
		expect(gathering).toEqual({ host_name: '王经理 BEGIN:VEVENT', description_zh: '欢迎\n晚宴' });
		const staff = await db
			.selectFrom('staff_member')
			.select('name')
			.where('id', '=', staffId)
			.executeTakeFirstOrThrow();
		expect(staff.name).toBe('刘总');
		const invitee = await legacy
			.selectFrom('invitee')
			.select(['companion_names', 'message_to_host'])
			.where('id', '=', inviteeId)
			.executeTakeFirstOrThrow();
		expect(JSON.parse(invitee.companion_names)).toEqual(['李四', '赵五']);
		expect(invitee.message_to_host).toBe('谢谢!');
	});
});

describe('uploaded file names', () => {
	it('lose control characters and bidi overrides, so a name cannot pose as another type', async () => {
		const gatheringId = await newGathering(db);
		const bytes = new TextEncoder().encode('%PDF-');
		const id = await addMaterial(
			db,
			gatheringId,
			{ name: 'invoice\u202efdp.exe\u0007\r\n', type: 'application/pdf', size: 5, bytes },
			null
		);
		const [material] = await listGatheringMaterials(db, gatheringId);
		expect(material).toMatchObject({ id, filename: 'invoicefdp.exe' });
	});
});
