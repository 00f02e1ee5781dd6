import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import type { Db } from '$lib/server/db';
import { createTestDb, newUser } from '../helpers/db';
import { addInvitee, newContact, newGathering } from '../helpers/gatherings';
import { newAccount } from '../helpers/accounts';
import { renderInvitationEmail } from '$lib/server/invitations/render';
import {
	runAutomaticReminders,
	sendGatheringUpdate,
	sendInvitations,
	sendReminders
} from '$lib/server/invitations/service';
import { callList, logCall, setAnswerByStaff } from '$lib/server/invitations/calls';
import { hashToken } from '$lib/server/auth/tokens';
import { revealLinks } from '$lib/server/rsvp/links';
import { loadRsvp } from '$lib/server/rsvp/service';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.destroy();
});

const g = {
	id: 7,
	uid: 'abc@test',
	title_zh: '重点客户答谢会',
	title_en: 'Key Account Evening',
	description_zh: '新品发布与晚宴',
	description_en: 'New products and dinner',
	venue_name: '外滩酒店',
	venue_address: '上海市黄浦区中山东一路1号',
	map_url: null,
	starts_at: '2026-12-18T10:00:00.000Z',
	ends_at: '2026-12-18T14:00:00.000Z',
	ics_sequence: 2,
	status: 'open',
	host_name: '陈静',
	host_email: 'chen@host.example',
	time_zone: 'Asia/Shanghai',
	rsvp_deadline: '2026-12-11T10:00:00.000Z',
	dress_code: null,
	bring_notes: null,
	host_phone: '021-5555'
};

function attachedEvent(ics: string) {
	const comp = new ICAL.Component(ICAL.parse(ics));
	return new ICAL.Event(comp.getFirstSubcomponent('vevent')!);
}

async function outboxRows() {
	return db.selectFrom('outbox_message').selectAll().orderBy('id').execute();
}

describe('invitation email', () => {
	it('is written in Chinese with the salutation, venue-time and personal link', () => {
		const mail = renderInvitationEmail({
			kind: 'invitation',
			gathering: g,
			recipient: {
				inviteeId: 3,
				name: '王伟',
				salutation: '王总',
				email: 'w@x.cn',
				locale: 'zh-CN'
			},
			sender: { name: '张经理', email: 'zhang@host.example' },
			rsvpUrl: 'http://localhost:3000/rsvp/tok123'
		});
		expect(mail.subject).toBe('诚邀您出席：重点客户答谢会');
		expect(mail.text).toContain('尊敬的王总：');
		expect(mail.text).toContain('18:00–22:00');
		expect(mail.html).toContain('href="http://localhost:3000/rsvp/tok123"');
		expect(mail.fromName).toBe('张经理');
		expect(mail.replyTo).toBe('zhang@host.example');
		const event = attachedEvent(String(mail.attachments[0].content));
		expect(event.uid).toBe('invitee-3.abc@test');
		expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-18T10:00:00.000Z');
	});

	it('is written in English for an English-speaking guest and escapes their name', () => {
		const mail = renderInvitationEmail({
			kind: 'invitation',
			gathering: g,
			recipient: {
				inviteeId: 4,
				name: 'Anna <b>Schmidt</b>',
				salutation: null,
				email: 'a@x.de',
				locale: 'en'
			},
			sender: { name: 'Zhang Wei', email: null },
			rsvpUrl: 'http://localhost:3000/rsvp/tok456'
		});
		expect(mail.subject).toBe('Invitation: Key Account Evening');
		expect(mail.text).toContain('Dear Anna <b>Schmidt</b>,');
		expect(mail.html).toContain('Dear Anna &lt;b&gt;Schmidt&lt;/b&gt;,');
		expect(mail.text).toContain('Friday 18 December 2026, 18:00–22:00 Beijing time (UTC+8)');
		expect(mail.html).toContain('/rsvp/tok456');
	});
});

async function gatheringWithGuests(count: number, values = {}) {
	const owner = await newUser(db, { name: '张经理', email: 'zhang@host.example' });
	const accountId = await newAccount(db, { owner_user_id: owner });
	const gatheringId = await newGathering(db, values);
	const ids: number[] = [];
	for (let i = 0; i < count; i++) {
		const c = await newContact(db, { account_id: accountId, locale: i % 2 ? 'en' : 'zh-CN' });
		ids.push((await addInvitee(db, gatheringId, { contact_id: c.id })).id);
	}
	return { gatheringId, ids, owner };
}

describe('sending invitations', () => {
	it('writes one outbox row and one hashed token per invitee, in the sender’s name', async () => {
		const { gatheringId, ids } = await gatheringWithGuests(3);
		const result = await sendInvitations(db, gatheringId, 'all_not_invited', 'req12345', null);
		expect(result).toEqual({ sent: 3, skipped: 0, notified: 0 });
		const rows = await outboxRows();
		expect(rows.map((r) => r.invitee_id)).toEqual(ids);
		expect(rows.every((r) => r.from_name === '张经理' && r.reply_to === 'zhang@host.example')).toBe(
			true
		);
		expect(rows.map((r) => r.locale)).toEqual(['zh-CN', 'en', 'zh-CN']);
		// Stored mail holds a placeholder; the worker puts the real link in as it sends.
		expect(rows[1].text).not.toMatch(/\/rsvp\/[a-z0-9]{20}/);
		const token = revealLinks(rows[1].text).match(/\/rsvp\/([a-z0-9]+)/)![1];
		const stored = await db.selectFrom('rsvp_token').selectAll().execute();
		expect(stored).toHaveLength(3);
		expect(stored.some((t) => t.token_hash === token)).toBe(false);
		expect(stored.some((t) => t.token_hash === hashToken(token))).toBe(true);
		const attachments = await db.selectFrom('outbox_attachment').selectAll().execute();
		expect(attachments).toHaveLength(3);
		const statuses = await db.selectFrom('invitee').select('status').execute();
		expect(statuses.every((s) => s.status === 'invited')).toBe(true);
	});

	it('refuses to invite to a draft, whose links could not take an answer yet', async () => {
		const { gatheringId } = await gatheringWithGuests(2, { status: 'draft' });
		await expect(
			sendInvitations(db, gatheringId, 'all_not_invited', 'req12345', null)
		).rejects.toMatchObject({ messageKey: 'invitations_error_draft', status: 409 });
		expect(await outboxRows()).toHaveLength(0);
		expect(await db.selectFrom('rsvp_token').selectAll().execute()).toHaveLength(0);
	});

	it('does not send twice when the same request is retried or double-submitted', async () => {
		const { gatheringId, ids } = await gatheringWithGuests(2);
		await sendInvitations(db, gatheringId, ids, 'req12345', null);
		const again = await sendInvitations(db, gatheringId, ids, 'req12345', null);
		expect(again.sent).toBe(0);
		expect(await outboxRows()).toHaveLength(2);
		expect(await db.selectFrom('rsvp_token').selectAll().execute()).toHaveLength(2);
		const resend = await sendInvitations(db, gatheringId, [ids[0]], 'req99999', null);
		expect(resend.sent).toBe(1);
		expect(await outboxRows()).toHaveLength(3);
	});

	it('reminds only those who have not answered, and the automatic reminder goes once', async () => {
		const { gatheringId, ids } = await gatheringWithGuests(3, {
			rsvp_deadline: '2026-12-11T10:00:00.000Z',
			reminder_days_before: 3
		});
		await sendInvitations(db, gatheringId, 'all_not_invited', 'req00001', null);
		await setAnswerByStaff(db, gatheringId, { invitee_id: ids[0], status: 'accepted' }, null);
		const manual = await sendReminders(db, gatheringId, ids, 'req00002', null);
		expect(manual.sent).toBe(2);
		expect(await runAutomaticReminders(db, new Date('2026-12-07T10:00:00Z'))).toBe(0);
		expect(await runAutomaticReminders(db, new Date('2026-12-08T11:00:00Z'))).toBe(2);
		expect(await runAutomaticReminders(db, new Date('2026-12-09T11:00:00Z'))).toBe(0);
		const kinds = (await outboxRows()).map((r) => r.kind);
		expect(kinds.filter((k) => k === 'reminder')).toHaveLength(4);
	});

	it('announces a time change to accepted guests once per sequence', async () => {
		const { gatheringId, ids } = await gatheringWithGuests(2);
		await sendInvitations(db, gatheringId, 'all_not_invited', 'req00001', null);
		await setAnswerByStaff(db, gatheringId, { invitee_id: ids[1], status: 'accepted' }, null);
		await db.updateTable('gathering').set({ ics_sequence: 1 }).execute();
		expect((await sendGatheringUpdate(db, gatheringId, null)).sent).toBe(1);
		expect((await sendGatheringUpdate(db, gatheringId, null)).sent).toBe(0);
		const update = (await outboxRows()).find((r) => r.kind === 'gathering_update')!;
		expect(update.invitee_id).toBe(ids[1]);
	});
});

describe('phone confirmation', () => {
	it('a confirmed call sets the answer with source phone and is kept in the history', async () => {
		const { gatheringId, ids } = await gatheringWithGuests(2);
		await sendInvitations(db, gatheringId, 'all_not_invited', 'req00001', null);
		expect((await callList(db, gatheringId)).map((r) => r.id).sort()).toEqual(ids);
		await logCall(
			db,
			gatheringId,
			{ invitee_id: ids[0], outcome: 'no_answer', note: '', called_at: '', call_back_at: '' },
			null
		);
		await logCall(
			db,
			gatheringId,
			{
				invitee_id: ids[0],
				outcome: 'confirmed',
				note: '带一位同事',
				called_at: '',
				call_back_at: ''
			},
			null
		);
		const row = await db
			.selectFrom('invitee')
			.selectAll()
			.where('id', '=', ids[0])
			.executeTakeFirstOrThrow();
		expect(row.status).toBe('accepted');
		expect(row.answer_source).toBe('phone');
		expect(await db.selectFrom('phone_call').selectAll().execute()).toHaveLength(2);
		const actions = (await db.selectFrom('activity').select('action').execute()).map(
			(a) => a.action
		);
		expect(actions.filter((a) => a === 'call.logged')).toHaveLength(2);
		expect(actions).toContain('invitee.answered');
		expect((await callList(db, gatheringId)).map((r) => r.id)).toEqual([ids[1]]);
	});

	it('an answer set by hand has source staff', async () => {
		const { gatheringId, ids } = await gatheringWithGuests(1);
		await setAnswerByStaff(db, gatheringId, { invitee_id: ids[0], status: 'declined' }, null);
		const row = await db.selectFrom('invitee').selectAll().executeTakeFirstOrThrow();
		expect([row.status, row.answer_source]).toEqual(['declined', 'staff']);
	});

	it('refuses an invitee of another gathering', async () => {
		const a = await gatheringWithGuests(1);
		const other = await newGathering(db);
		await expect(
			setAnswerByStaff(db, other, { invitee_id: a.ids[0], status: 'declined' }, null)
		).rejects.toThrow('invitations_error_invitee_not_found');
	});
});

describe('tokens', () => {
	it('a tampered token is not found', async () => {
		const { gatheringId } = await gatheringWithGuests(1);
		await sendInvitations(db, gatheringId, 'all_not_invited', 'req00001', null);
		const token = revealLinks((await outboxRows())[0].text).match(/\/rsvp\/([a-z0-9]+)/)![1];
		await expect(loadRsvp(db, token)).resolves.toMatchObject({ locale: 'zh-CN' });
		const tampered = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
		await expect(loadRsvp(db, tampered)).rejects.toThrow('error_not_found');
	});
});
