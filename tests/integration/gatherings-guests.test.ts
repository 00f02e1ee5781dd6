import { formatWeekdayTime } from '$lib/format';
import { describe, expect, it } from 'vitest';
import {
	addContacts,
	addFromDirectory,
	addStaffMembers,
	changeInvitee,
	ConfirmationRequiredError,
	inviteeChangeSchema,
	removeInvitee
} from '$lib/server/gatherings/guests';
import {
	capacityLevel,
	loadDashboard,
	loadScheduleCheck,
	statusCounts
} from '$lib/server/gatherings/dashboard';
import { attendeeCsv } from '$lib/server/gatherings/csv';
import { listInviteesWithCompanions } from '$lib/server/gatherings/attendees';
import { listInvitees } from '$lib/server/gatherings/repository';
import { DomainError } from '$lib/server/errors';
import Papa from 'papaparse';
import { createTestDb } from '../helpers/db';
import { newAccount } from '../helpers/accounts';
import {
	addCompanions,
	addInvitee,
	newContact,
	newGathering,
	newStaffMember
} from '../helpers/gatherings';

describe('guest list', () => {
	it('puts a person on the list once and says how many were there already', async () => {
		const db = await createTestDb();
		const g = await newGathering(db);
		const a = await newContact(db);
		const b = await newContact(db);
		expect(await addContacts(db, g, [a.id, a.id], null)).toEqual({ added: 1, already: 0 });
		expect(await addContacts(db, g, [a.id, b.id], null)).toEqual({ added: 1, already: 1 });
		const rows = await db.selectFrom('invitee').selectAll().where('gathering_id', '=', g).execute();
		expect(rows).toHaveLength(2);
		expect(rows.every((r) => r.role === 'guest' && r.status === 'not_invited')).toBe(true);
		// Codes look like check-in's own (16 base32 characters) and are all different.
		expect(rows.every((r) => /^[a-z2-7]{16}$/.test(r.checkin_code))).toBe(true);
		expect(new Set(rows.map((r) => r.checkin_code)).size).toBe(2);
		const log = await db
			.selectFrom('activity')
			.select('action')
			.where('gathering_id', '=', g)
			.execute();
		expect(log.map((l) => l.action)).toEqual(['invitee.added', 'invitee.added']);
	});

	it('adds our executives as executives and other staff as staff', async () => {
		const db = await createTestDb();
		const g = await newGathering(db);
		const boss = await newStaffMember(db, { kind: 'executive' });
		const helper = await newStaffMember(db, { kind: 'staff' });
		expect(await addStaffMembers(db, g, [boss, helper], null)).toEqual({ added: 2, already: 0 });
		expect(await addStaffMembers(db, g, [boss], null)).toEqual({ added: 0, already: 1 });
		const roles = await db
			.selectFrom('invitee')
			.select(['staff_member_id', 'role'])
			.where('gathering_id', '=', g)
			.orderBy('id')
			.execute();
		expect(roles).toEqual([
			{ staff_member_id: boss, role: 'executive' },
			{ staff_member_id: helper, role: 'staff' }
		]);
	});

	it('adds from the directory by account, tag, owner, tier and search', async () => {
		const db = await createTestDb();
		const g = await newGathering(db);
		const acme = await newAccount(db, { name: '宏达商贸', tags: '华东' });
		const other = await newAccount(db, { name: '远东批发' });
		const wang = await newContact(db, { account_id: acme, name: '王伟' });
		await newContact(db, { account_id: acme, name: '李娜' });
		const zhao = await newContact(db, {
			account_id: other,
			name: '赵敏',
			name_pinyin: 'zhaomin',
			name_initials: 'zm'
		});

		expect(await addFromDirectory(db, g, { accountId: acme }, null)).toEqual({
			added: 2,
			already: 0
		});
		expect(await addFromDirectory(db, g, { tag: '华东' }, null)).toEqual({ added: 0, already: 2 });
		expect(await addFromDirectory(db, g, { q: 'zm' }, null)).toEqual({ added: 1, already: 0 });
		const ids = (await listInvitees(db, g)).map((i) => i.contact_id);
		expect(ids).toEqual(expect.arrayContaining([wang.id, zhao.id]));
		await expect(addFromDirectory(db, g, {}, null)).rejects.toBeInstanceOf(DomainError);
	});

	it('keeps companions within what the gathering allows; names count as companions', async () => {
		const db = await createTestDb();
		const g = await newGathering(db, { companions_allowed: 2 });
		const c = await newContact(db);
		const { id } = await addInvitee(db, g, { contact_id: c.id });
		const change = inviteeChangeSchema.parse({
			role: 'guest',
			companions_count: '0',
			companion_names: '张三\n李四'
		});
		await changeInvitee(db, g, id, change, null);
		const companions = await db
			.selectFrom('invitee_companion')
			.select(['position', 'name'])
			.where('invitee_id', '=', id)
			.orderBy('position')
			.execute();
		expect(companions).toEqual([
			{ position: 1, name: '张三' },
			{ position: 2, name: '李四' }
		]);
		const tooMany = inviteeChangeSchema.parse({ role: 'executive', companions_count: '3' });
		await expect(changeInvitee(db, g, id, tooMany, null)).rejects.toMatchObject({
			messageKey: 'gatherings_error_companions_max'
		});
		expect(
			(await db.selectFrom('invitee').select('role').where('id', '=', id).executeTakeFirstOrThrow())
				.role
		).toBe('guest');
	});

	it('removes someone who has not answered at once, but asks before removing someone who answered', async () => {
		const db = await createTestDb();
		const g = await newGathering(db);
		const quiet = await addInvitee(
			db,
			g,
			{ contact_id: (await newContact(db)).id },
			{ status: 'invited' }
		);
		const yes = await addInvitee(
			db,
			g,
			{ contact_id: (await newContact(db)).id },
			{ status: 'accepted' }
		);
		await removeInvitee(db, g, quiet.id, { confirmed: false }, null);
		await expect(removeInvitee(db, g, yes.id, { confirmed: false }, null)).rejects.toBeInstanceOf(
			ConfirmationRequiredError
		);
		expect(
			await db.selectFrom('invitee').select('id').where('gathering_id', '=', g).execute()
		).toEqual([{ id: yes.id }]);
		await removeInvitee(db, g, yes.id, { confirmed: true }, null);
		expect(
			await db.selectFrom('invitee').select('id').where('gathering_id', '=', g).execute()
		).toEqual([]);
		const log = await db
			.selectFrom('activity')
			.select('action')
			.where('action', '=', 'invitee.removed')
			.execute();
		expect(log).toHaveLength(2);
	});

	it("does not touch another gathering's guest", async () => {
		const db = await createTestDb();
		const mine = await newGathering(db);
		const theirs = await newGathering(db);
		const other = await addInvitee(db, theirs, { contact_id: (await newContact(db)).id });
		await expect(
			removeInvitee(db, mine, other.id, { confirmed: true }, null)
		).rejects.toMatchObject({ status: 404 });
		expect(await listInvitees(db, mine)).toEqual([]);
	});

	it('freezes the list of a gathering that is done', async () => {
		const db = await createTestDb();
		const g = await newGathering(db, { status: 'done' });
		await expect(addContacts(db, g, [(await newContact(db)).id], null)).rejects.toMatchObject({
			messageKey: 'gatherings_error_done_locked'
		});
	});
});

describe('dashboard', () => {
	it('counts invited, accepted with companions, declined and no answer, by tier and by account', async () => {
		const db = await createTestDb();
		const g = await newGathering(db, { capacity: 5 });
		const acme = await newAccount(db, {
			name: '宏达商贸',
			tier_override: 'key',
			tier_override_reason: '战略'
		});
		const c = (account_id?: number) => newContact(db, account_id ? { account_id } : {});
		const two = await addInvitee(db, g, { contact_id: (await c(acme)).id }, { status: 'accepted' });
		await addCompanions(db, g, two.id, ['', '']);
		const one = await addInvitee(db, g, { contact_id: (await c(acme)).id }, { status: 'accepted' });
		await addCompanions(db, g, one.id, ['']);
		await addInvitee(db, g, { contact_id: (await c()).id }, { status: 'declined' });
		await addInvitee(db, g, { contact_id: (await c()).id }, { status: 'invited' });
		await addInvitee(db, g, { contact_id: (await c()).id });
		await addInvitee(
			db,
			g,
			{ staff_member_id: await newStaffMember(db) },
			{ role: 'executive', status: 'accepted' }
		);

		// Guests are counted apart from our own people (hosts); heads include everyone attending.
		expect(await statusCounts(db, g)).toEqual({
			listed: 5,
			notInvited: 1,
			invited: 4,
			accepted: 2,
			acceptedHeads: 6,
			declined: 1,
			noAnswer: 1,
			walkIns: 0,
			hostsAttending: 1,
			hostsAbsent: 0
		});
		const gathering = await db
			.selectFrom('gathering')
			.selectAll()
			.where('id', '=', g)
			.executeTakeFirstOrThrow();
		const dash = await loadDashboard(db, gathering);
		expect(dash.capacity).toBe('over');
		const key = dash.byTier.find((r) => r.key === 'key');
		expect(key).toMatchObject({ listed: 2, accepted: 2, heads: 5 });
		const acmeRow = dash.byAccount.find((r) => r.key === '宏达商贸');
		expect(acmeRow).toMatchObject({
			account_id: acme,
			listed: 2,
			invited: 2,
			accepted: 2,
			declined: 0,
			no_answer: 0
		});
	});

	it('warns about people on another gathering at the same time', async () => {
		const db = await createTestDb();
		const g = await newGathering(db);
		const clash = await newGathering(db, { title_zh: '同一晚的活动' });
		const later = await newGathering(db, {
			starts_at: '2026-12-19T10:00:00.000Z',
			ends_at: '2026-12-19T12:00:00.000Z'
		});
		const person = await newContact(db, { name: '周杰' });
		const inv = await addInvitee(db, g, { contact_id: person.id });
		await addInvitee(db, clash, { contact_id: person.id });
		await addInvitee(db, later, { contact_id: person.id });
		const gathering = await db
			.selectFrom('gathering')
			.selectAll()
			.where('id', '=', g)
			.executeTakeFirstOrThrow();
		const dash = await loadDashboard(db, gathering);
		expect(dash.schedule.overlaps).toEqual([
			{ inviteeId: inv.id, name: '周杰', gatheringId: clash, title: '同一晚的活动' }
		]);
		// 18:00–22:00 Friday in Shanghai is after a 09:00–18:00 day.
		expect(dash.schedule).toMatchObject({ considered: 1, duringWork: [] });
	});
});

describe('attendee CSV', () => {
	it('is UTF-8 with BOM and CRLF, lists accepted people only, and defuses formulas', async () => {
		const db = await createTestDb();
		const g = await newGathering(db);
		const acct = await newAccount(db, { name: '=HYPERLINK("http://x")' });
		const wang = await addInvitee(
			db,
			g,
			{ contact_id: (await newContact(db, { account_id: acct, name: '王伟', dietary: null })).id },
			{ status: 'accepted', dietary: '素食, 无麸质', arrival_details: '自驾 沪A·12345' }
		);
		await addCompanions(db, g, wang.id, [{ name: '+李娜', name_latin: 'Li Na', dietary: '清真' }]);
		await addInvitee(
			db,
			g,
			{ contact_id: (await newContact(db, { name: '不来' })).id },
			{ status: 'declined' }
		);
		const rows = await listInviteesWithCompanions(db, g, { attending: true });
		const csv = attendeeCsv(
			{
				name: 'Name',
				nameLatin: 'Latin',
				company: 'Company',
				title: 'Title',
				role: 'Role',
				email: 'Email',
				phone: 'Phone',
				companions: 'Companions',
				companionNames: 'Companion names',
				dietary: 'Dietary',
				tourLanguage: 'Tour',
				arrival: 'Arrival',
				message: 'Message',
				source: 'Source',
				answeredAt: 'Answered'
			},
			rows.map((r) => ({
				...r,
				title: r.contact_title,
				email: r.contact_email,
				phone: r.contact_phone
			})),
			(role) => role
		);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv.split('\r\n')).toHaveLength(3);
		expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
		const parsed = Papa.parse<string[]>(csv.slice(1).trim());
		expect(parsed.data).toHaveLength(2);
		const row = parsed.data[1];
		expect(row[0]).toBe('王伟');
		expect(row[2]).toBe(`'=HYPERLINK("http://x")`);
		expect(row[7]).toBe('1');
		expect(row[8]).toBe(`'+李娜 (Li Na) — 清真`);
		expect(row[9]).toBe('素食, 无麸质');
		expect(row[11]).toBe('自驾 沪A·12345');
		expect(csv).not.toContain('不来');
	});
});

describe('capacity and working hours', () => {
	it('warns from 90 % of capacity, at capacity and above it', () => {
		expect(capacityLevel(5, null)).toBe('none');
		expect(capacityLevel(8, 10)).toBe('ok');
		expect(capacityLevel(9, 10)).toBe('near');
		expect(capacityLevel(10, 10)).toBe('full');
		expect(capacityLevel(11, 10)).toBe('over');
	});

	it("judges each guest by their own time zone's working hours", async () => {
		const db = await createTestDb();
		// Thursday 22:00–23:30 in Shanghai is Thursday 09:00–10:30 in New York.
		const g = await newGathering(db, {
			starts_at: '2026-12-17T14:00:00.000Z',
			ends_at: '2026-12-17T15:30:00.000Z'
		});
		const ny = await newContact(db, { name: 'Emily Carter', time_zone: 'America/New_York' });
		const sh = await newContact(db, { name: '王伟' });
		const nyInvitee = await addInvitee(db, g, { contact_id: ny.id });
		await addInvitee(db, g, { contact_id: sh.id });
		const check = await loadScheduleCheck(db, g, {
			starts_at: '2026-12-17T14:00:00.000Z',
			ends_at: '2026-12-17T15:30:00.000Z',
			time_zone: 'Asia/Shanghai'
		});
		expect(check.considered).toBe(2);
		expect(check.duringWork).toEqual([
			{
				inviteeId: nyInvitee.id,
				name: 'Emily Carter',
				timeZone: 'America/New_York'
			}
		]);
		// Shown on the guest's clock, with the weekday in the page's language.
		expect(formatWeekdayTime(check.startsAt, 'America/New_York', 'en')).toBe('Thu 09:00');
		expect(formatWeekdayTime(check.startsAt, 'America/New_York', 'zh-CN')).toBe('周四 09:00');
	});
});
