import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import type { Db } from '$lib/server/db';
import { createTestDb, newUser } from '../helpers/db';
import { addInvitee, newContact, newGathering } from '../helpers/gatherings';
import { newAccount } from '../helpers/accounts';
import { sendGatheringUpdate } from '$lib/server/invitations/service';
import { updateGathering } from '$lib/server/gatherings/service';
import { gatheringInputSchema } from '$lib/server/gatherings/schema';
import { gatheringFormValues } from '$lib/server/gatherings/form';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.destroy();
});

async function acceptedGuests() {
	const owner = await newUser(db, { name: '张经理', email: 'zhang@host.example' });
	const accountId = await newAccount(db, { owner_user_id: owner });
	const gatheringId = await newGathering(db, {
		venue_name: '外滩酒店',
		venue_name_en: 'Bund Hotel',
		venue_address: '上海市黄浦区中山东一路1号',
		venue_address_en: '1 Zhongshan East 1st Road, Shanghai'
	});
	for (const locale of ['zh-CN', 'en'] as const) {
		const c = await newContact(db, { account_id: accountId, locale });
		await addInvitee(db, gatheringId, { contact_id: c.id }, { status: 'accepted' });
	}
	return gatheringId;
}

async function edit(gatheringId: number, changes: Record<string, string>) {
	const g = await db
		.selectFrom('gathering')
		.selectAll()
		.where('id', '=', gatheringId)
		.executeTakeFirstOrThrow();
	const input = gatheringInputSchema.parse({ ...gatheringFormValues(g), ...changes });
	return updateGathering(db, gatheringId, input, null);
}

async function updates() {
	const rows = await db
		.selectFrom('outbox_message')
		.selectAll()
		.where('kind', '=', 'gathering_update')
		.orderBy('id')
		.execute();
	return rows;
}

describe('the update email', () => {
	it('says what changed, old → new, in each guest’s language', async () => {
		const id = await acceptedGuests();
		// Two edits before anyone is told: the email compares with what the guests knew.
		await edit(id, { starts_local: '2026-12-19T18:00', ends_local: '2026-12-19T21:00' });
		await edit(id, { venue_name: '和平饭店', venue_name_en: 'Peace Hotel' });
		expect((await sendGatheringUpdate(db, id, null)).sent).toBe(2);
		const [zh, en] = await updates();
		expect(zh.text).toContain(
			'时间：2026年12月18日（星期五）18:00–22:00 北京时间 → 2026年12月19日（星期六）18:00–21:00 北京时间'
		);
		expect(zh.text).toContain('地点：外滩酒店 · 上海市黄浦区中山东一路1号 → 和平饭店 ·');
		expect(en.text).toContain(
			'Time: Friday 18 December 2026, 18:00–22:00 Beijing time (UTC+8) → Saturday 19 December 2026, 18:00–21:00 Beijing time (UTC+8)'
		);
		expect(en.text).toContain(
			'Place: Bund Hotel · 1 Zhongshan East 1st Road, Shanghai → Peace Hotel'
		);
	});

	it('speaks of the attached calendar file once, as an update of the entry', async () => {
		const id = await acceptedGuests();
		await edit(id, { starts_local: '2026-12-19T18:00', ends_local: '2026-12-19T21:00' });
		await sendGatheringUpdate(db, id, null);
		const [zh, en] = await updates();
		expect(en.text.match(/calendar file/g)).toHaveLength(1);
		expect(en.text).toContain('updates the entry already in your calendar');
		expect(en.text).not.toContain('adds the event');
		expect(zh.text.match(/日历文件/g)).toHaveLength(1);
		const attachment = await db
			.selectFrom('outbox_attachment')
			.select('content')
			.where('message_id', '=', en.id)
			.executeTakeFirstOrThrow();
		const event = new ICAL.Event(
			new ICAL.Component(ICAL.parse(String(attachment.content))).getFirstSubcomponent('vevent')!
		);
		expect(event.sequence).toBe(1);
		expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-19T10:00:00.000Z');
	});

	it('compares the next change with what the last update told', async () => {
		const id = await acceptedGuests();
		await edit(id, { starts_local: '2026-12-19T18:00', ends_local: '2026-12-19T21:00' });
		await sendGatheringUpdate(db, id, null);
		await edit(id, { starts_local: '2026-12-20T18:00', ends_local: '2026-12-20T21:00' });
		await sendGatheringUpdate(db, id, null);
		const zh = (await updates())[2];
		expect(zh.text).toContain(
			'2026年12月19日（星期六）18:00–21:00 北京时间 → 2026年12月20日（星期日）'
		);
		expect(zh.text).not.toContain('地点：');
	});
});
