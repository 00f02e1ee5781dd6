import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { sql, type MigrationProvider } from 'kysely';
import { createDb, type Db } from '$lib/server/db';
import { bundledMigrations, migrateToLatest } from '$lib/server/db/migrate';
import { createTestDb, newUser } from '../helpers/db';
import { addInvitee, newContact, newGathering, newStaffMember } from '../helpers/gatherings';
import { newAccount } from '../helpers/accounts';
import { sendInvitations, sendReminders } from '$lib/server/invitations/service';
import { callList, logCall } from '$lib/server/invitations/calls';
import { rsvpAnswerSchema, submitAnswer } from '$lib/server/rsvp/service';
import {
	listBadgeCandidates,
	prepareBadgeRun,
	badgeSelectionSchema
} from '$lib/server/badges/service';
import { checkinOverview, checkInByScan } from '$lib/server/checkin/service';
import { loadDashboard, statusCounts } from '$lib/server/gatherings/dashboard';
import { requireGatheringRow } from '$lib/server/gatherings/service';
import { listGatheringActivity } from '$lib/server/activity/repository';
import { actorOf, describeActivity } from '$lib/domain/history';
import { renderBadgePdf } from '$lib/server/badges/pdf';
import { fillColours, pageContents, streamToBuffer } from '../helpers/pdf';
import { loadBadgeFonts } from '$lib/server/badges/fonts';
import { revealLinks } from '$lib/server/rsvp/links';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.destroy();
});

const NOW = Date.parse('2026-12-01T00:00:00Z');

async function invitedGuest(companionsAllowed: number, locale: 'zh-CN' | 'en' = 'zh-CN') {
	const owner = await newUser(db, { name: '张经理', email: 'zhang@host.example' });
	const accountId = await newAccount(db, { owner_user_id: owner, name: '百联集团' });
	const gatheringId = await newGathering(db, { companions_allowed: companionsAllowed });
	const contact = await newContact(db, { account_id: accountId, locale, name: '王伟' });
	const invitee = await addInvitee(db, gatheringId, { contact_id: contact.id });
	await sendInvitations(db, gatheringId, [invitee.id], 'req00001', null);
	const mail = await db.selectFrom('outbox_message').select('text').executeTakeFirstOrThrow();
	const token = revealLinks(mail.text).match(/\/rsvp\/([a-z0-9]+)/)![1];
	return { gatheringId, inviteeId: invitee.id, token, owner };
}

function accept(companions: unknown, extra: Record<string, unknown> = {}) {
	return rsvpAnswerSchema.parse({
		answer: 'accepted',
		companions,
		dietary: '',
		tour_language: '',
		arrival_details: '',
		message_to_host: '',
		...extra
	});
}

const badgeSelection = (values: Record<string, unknown> = {}) =>
	badgeSelectionSchema.parse({ who: 'all', layout: 'a6', ...values });

describe('companions, one entry each', () => {
	it('refuses two people typed into one companion entry past a limit of one', async () => {
		const { token } = await invitedGuest(1);
		await expect(submitAnswer(db, token, accept(['张三、李四']), NOW)).rejects.toThrow();
	});

	it('counts, badges and check-in follow each companion', async () => {
		const { token, gatheringId } = await invitedGuest(2);
		await submitAnswer(
			db,
			token,
			accept([
				{ name: '张三', name_latin: 'Zhang San', dietary: '清真' },
				{ name: '李四', name_latin: '', dietary: '' }
			]),
			NOW
		);
		const counts = await statusCounts(db, gatheringId);
		expect(counts.acceptedHeads).toBe(3);
		const badges = await listBadgeCandidates(db, gatheringId);
		expect(badges.filter((b) => b.role === 'companion').map((b) => [b.name, b.nameLatin])).toEqual([
			['张三', 'Zhang San'],
			['李四', null]
		]);
		let overview = await checkinOverview(db, gatheringId);
		expect(overview.counts.find((c) => c.role === 'companion')).toMatchObject({
			expected: 2,
			arrived: 0
		});
		// Li Si's badge is the second companion's: scanning it checks in Li Si, not "one more".
		const companionBadge = badges.find((b) => b.name === '李四')!;
		await checkInByScan(db, gatheringId, companionBadge.qrText, null);
		await checkInByScan(db, gatheringId, companionBadge.qrText, null);
		overview = await checkinOverview(db, gatheringId);
		expect(overview.counts.find((c) => c.role === 'companion')).toMatchObject({
			expected: 2,
			arrived: 1
		});
	});
});

describe('companions of existing answers', () => {
	it('become one entry each when the database is migrated, keeping counts and arrivals', async () => {
		const raw = createDb(':memory:');
		const all = bundledMigrations();
		const before: MigrationProvider = {
			async getMigrations() {
				const list = await all.getMigrations();
				return Object.fromEntries(
					Object.entries(list).filter(([name]) => name < '2026-11-29T1100_invitee_companions')
				);
			}
		};
		try {
			await migrateToLatest(raw, before);
			const gatheringId = await newGathering(raw);
			const contact = await newContact(raw, { name: '王伟' });
			const now = '2026-12-01T00:00:00.000Z';
			// The old single box: two people in one name, an unnamed third, one already at the door.
			await sql`insert into invitee (gathering_id, contact_id, role, status, companions_count,
				companion_names, companions_arrived, checkin_code, checked_in_at, created_at, updated_at)
				values (${gatheringId}, ${contact.id}, 'guest', 'accepted', 3, ${JSON.stringify(['张三、李四'])},
				1, 'oldcode1', ${now}, ${now}, ${now})`.execute(raw);
			await migrateToLatest(raw, all);
			const rows = await raw
				.selectFrom('invitee_companion')
				.select(['position', 'name', 'checked_in_at'])
				.orderBy('position')
				.execute();
			expect(rows).toEqual([
				{ position: 1, name: '张三', checked_in_at: now },
				{ position: 2, name: '李四', checked_in_at: null },
				{ position: 3, name: '', checked_in_at: null }
			]);
			expect((await statusCounts(raw, gatheringId)).acceptedHeads).toBe(4);
		} finally {
			await raw.destroy();
		}
	});
});

describe('our own people are hosts, not invitees', () => {
	async function gatheringWithGmAndGuest() {
		const gatheringId = await newGathering(db);
		const gmStaff = await newStaffMember(db, {
			name: '刘强',
			kind: 'executive',
			title: '总经理',
			email: 'liu@host.example'
		});
		await db
			.updateTable('staff_member')
			.set({ is_general_manager: 1 })
			.where('id', '=', gmStaff)
			.execute();
		const gm = await addInvitee(
			db,
			gatheringId,
			{ staff_member_id: gmStaff },
			{ role: 'executive' }
		);
		const sales = await addInvitee(
			db,
			gatheringId,
			{
				staff_member_id: await newStaffMember(db, {
					name: '赵销售',
					kind: 'staff',
					title: '销售经理',
					email: 'zhao@host.example'
				})
			},
			{ role: 'staff' }
		);
		const contact = await newContact(db, { name: '王伟' });
		const guest = await addInvitee(db, gatheringId, { contact_id: contact.id });
		return { gatheringId, gm, sales, guest };
	}

	it('"send to all not invited" sends no guest invitation to executives or staff', async () => {
		const { gatheringId, gm } = await gatheringWithGmAndGuest();
		await sendInvitations(db, gatheringId, 'all_not_invited', 'req00002', null);
		const mails = await db.selectFrom('outbox_message').selectAll().execute();
		const toGm = mails.filter((m) => m.to_address === 'liu@host.example');
		expect(toGm.map((m) => m.kind)).not.toContain('invitation');
		expect(mails.filter((m) => m.kind === 'invitation').map((m) => m.to_address)).toHaveLength(1);
		// The GM gets an internal notice with the calendar file instead.
		const notice = toGm.find((m) => m.kind === 'host_notice');
		expect(notice?.text).toContain('总经理');
		const attachment = await db
			.selectFrom('outbox_attachment')
			.select('content')
			.where('message_id', '=', notice!.id)
			.executeTakeFirstOrThrow();
		const event = new ICAL.Event(
			new ICAL.Component(ICAL.parse(String(attachment.content))).getFirstSubcomponent('vevent')!
		);
		expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-18T10:00:00.000Z');
		const gmRow = await db
			.selectFrom('invitee')
			.select(['status', 'answer_source'])
			.where('id', '=', gm.id)
			.executeTakeFirstOrThrow();
		expect(gmRow.answer_source).toBeNull();
	});

	it('never sends our people a reminder and never puts them on the call list', async () => {
		const { gatheringId, sales, guest } = await gatheringWithGmAndGuest();
		await db
			.updateTable('invitee')
			.set({ status: 'invited', invited_at: '2026-11-20T00:00:00.000Z' })
			.where('gathering_id', '=', gatheringId)
			.execute();
		await sendReminders(db, gatheringId, [sales.id, guest.id], 'r1', null);
		const reminders = await db
			.selectFrom('outbox_message')
			.select('to_address')
			.where('kind', '=', 'reminder')
			.execute();
		expect(reminders.map((r) => r.to_address)).not.toContain('zhao@host.example');
		expect(reminders).toHaveLength(1);
		const calls = await callList(db, gatheringId);
		expect(calls.map((c) => c.id)).toEqual([guest.id]);
	});

	it('counts our people as attending unless marked absent, and badges them without an answer', async () => {
		const { gatheringId, gm, sales } = await gatheringWithGmAndGuest();
		const counts = await statusCounts(db, gatheringId);
		expect(counts.hostsAttending).toBe(2);
		const badges = await listBadgeCandidates(db, gatheringId);
		expect(badges.map((b) => b.inviteeId).sort()).toEqual([gm.id, sales.id].sort());
		await db
			.updateTable('invitee')
			.set({ status: 'declined' })
			.where('id', '=', sales.id)
			.execute();
		expect((await statusCounts(db, gatheringId)).hostsAttending).toBe(1);
	});

	it("prints the general manager's badge in colours no other executive has", async () => {
		const { gatheringId } = await gatheringWithGmAndGuest();
		const vp = await newStaffMember(db, { name: '孙副总', kind: 'executive', title: '副总经理' });
		await addInvitee(db, gatheringId, { staff_member_id: vp }, { role: 'executive' });
		const run = await prepareBadgeRun(db, gatheringId, badgeSelection({ roles: undefined }));
		const gmBadge = run.badges.find((b) => b.name === '刘强')!;
		const vpBadge = run.badges.find((b) => b.name === '孙副总')!;
		expect(gmBadge.role).not.toBe(vpBadge.role);
		const pdf = await streamToBuffer(
			renderBadgePdf([gmBadge, vpBadge], {
				layout: 'a6',
				compress: false,
				palette: run.palette,
				event: run.event,
				fonts: loadBadgeFonts()
			})
		);
		const [gmPage, vpPage] = pageContents(pdf);
		const gmFills = fillColours(gmPage);
		const vpFills = fillColours(vpPage);
		expect(gmFills.filter((c) => !vpFills.includes(c)).length).toBeGreaterThan(0);
	});
});

describe('counts and calls', () => {
	it('counts walk-ins as walk-ins, not as invited', async () => {
		const gatheringId = await newGathering(db);
		await addInvitee(
			db,
			gatheringId,
			{ walk_in_name: '路人甲' },
			{ status: 'accepted', answer_source: 'walk_in', invited_at: null }
		);
		// Invited, never answered, then came: accepted at the door, but invited all the same.
		const late = await newContact(db, { name: '迟到者' });
		await addInvitee(
			db,
			gatheringId,
			{ contact_id: late.id },
			{ status: 'accepted', answer_source: 'walk_in', invited_at: '2026-11-20T00:00:00.000Z' }
		);
		const counts = await statusCounts(db, gatheringId);
		expect(counts.invited).toBe(1);
		expect(counts.accepted).toBe(1);
		expect(counts.walkIns).toBe(1);
	});

	it('moves a guest logged "no answer" down the call list, with a call-back time', async () => {
		const gatheringId = await newGathering(db);
		const ids: number[] = [];
		for (const name of ['安娜', '白雪']) {
			const c = await newContact(db, { name });
			ids.push((await addInvitee(db, gatheringId, { contact_id: c.id }, { status: 'invited' })).id);
		}
		expect((await callList(db, gatheringId)).map((r) => r.id)).toEqual(ids);
		await logCall(
			db,
			gatheringId,
			{ invitee_id: ids[0], outcome: 'no_answer', note: '', called_at: '', call_back_at: '' },
			null
		);
		const list = await callList(db, gatheringId);
		expect(list.map((r) => r.id)).toEqual([ids[1], ids[0]]);
		expect(list[1].call_back_at).toBeTruthy();
	});
});

describe('what guests tell us reaches staff', () => {
	it("emails the guest's account manager once per message, through the outbox", async () => {
		const { token, gatheringId } = await invitedGuest(0);
		const message = { message_to_host: '我们会提前半小时到。' };
		await submitAnswer(db, token, accept([], message), NOW);
		// The same message again (a double submit, or another change) sends nothing more.
		await submitAnswer(db, token, accept([], { ...message, dietary: '清真' }), NOW + 1000);
		let notes = await db
			.selectFrom('outbox_message')
			.selectAll()
			.where('kind', '=', 'guest_message')
			.execute();
		expect(notes).toHaveLength(1);
		expect(notes[0].to_address).toBe('zhang@host.example');
		expect(notes[0].text).toContain('我们会提前半小时到。');
		expect(notes[0].dedupe_key).toMatch(/^guest_message:/);
		const summary = (await loadDashboard(db, await requireGatheringRow(db, gatheringId))).told;
		expect(summary.messages.map((m) => [m.message, m.read])).toEqual([
			['我们会提前半小时到。', false]
		]);
		expect(summary.dietary.counts.halal).toBe(1);
		// A new message is a new email.
		await submitAnswer(db, token, accept([], { message_to_host: '另外想了解新品。' }), NOW + 2000);
		notes = await db
			.selectFrom('outbox_message')
			.selectAll()
			.where('kind', '=', 'guest_message')
			.execute();
		expect(notes).toHaveLength(2);
	});

	it('sums up dietary needs by kind, keeping free text, and lists cars with their plates', async () => {
		const { token, gatheringId } = await invitedGuest(2);
		await submitAnswer(
			db,
			token,
			accept(
				[
					{ name: '张三', name_latin: '', dietary: '素食' },
					{ name: '李四', name_latin: '', dietary: '不吃香菜' }
				],
				{ dietary: '清真，海鲜过敏', arrival_details: '自驾，车牌 沪A·12345', tour_language: 'en' }
			),
			NOW
		);
		const g = await requireGatheringRow(db, gatheringId);
		const { told } = await loadDashboard(db, g);
		expect(told.dietary.counts).toEqual({ halal: 1, vegetarian: 1, no_seafood: 1, allergy: 1 });
		expect(told.dietary.notes.find((n) => n.name === '李四')).toMatchObject({
			note: '不吃香菜',
			other: true
		});
		expect(told.tourLanguages).toEqual([{ language: 'en', people: 3 }]);
		expect(told.parking.map((p) => p.plates)).toEqual([['沪A·12345']]);
	});
});

describe('history in words', () => {
	it("says who did what in the page's language, and a guest's own answer is the guest's", async () => {
		const { token, gatheringId, inviteeId } = await invitedGuest(0);
		await submitAnswer(db, token, accept([]), NOW);
		const caller = await newUser(db, { name: '刘洋' });
		await logCall(
			db,
			gatheringId,
			{ invitee_id: inviteeId, outcome: 'no_answer', note: '', called_at: '', call_back_at: '' },
			caller
		);
		const entries = await listGatheringActivity(db, gatheringId);
		const zh = entries.map((e) => describeActivity(e, 'zh-CN'));
		const en = entries.map((e) => describeActivity(e, 'en'));
		expect(zh).toContain('王伟 通过邀请链接确认出席');
		expect(zh).toContain('刘洋 记录电话：无人接听（王伟）');
		expect(en).toContain('王伟 accepted by the invitation link');
		const answered = entries.find((e) => e.action === 'invitee.answered')!;
		expect(actorOf(answered, 'en')).toBe('guest, by link');
		for (const line of [...zh, ...en]) {
			expect(line).not.toMatch(/invitee\.|call\.|[a-z]+_[a-z]+/);
		}
	});
});
