import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import type { Db } from '$lib/server/db';
import { createTestDb, newUser } from '../helpers/db';
import { addInvitee, newContact, newGathering } from '../helpers/gatherings';
import { newAccount } from '../helpers/accounts';
import { previewInvitation, sendInvitations } from '$lib/server/invitations/service';
import { createGathering } from '$lib/server/gatherings/service';
import { gatheringInputSchema } from '$lib/server/gatherings/schema';
import { gatheringFormValues } from '$lib/server/gatherings/form';
import { loadRsvp } from '$lib/server/rsvp/service';
import { hashToken } from '$lib/server/auth/tokens';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.destroy();
});

const chinese = {
	venue_name: '外滩华尔道夫酒店',
	venue_address: '上海市黄浦区中山东一路2号',
	dress_code: '商务正装',
	bring_notes: '名片',
	host_name: '陈静',
	host_phone: '021-5555-0101',
	host_email: 'chen@host.example'
};
const english = {
	venue_name_en: 'Waldorf Astoria Shanghai on the Bund',
	venue_address_en: '2 Zhongshan East 1st Road, Huangpu, Shanghai',
	dress_code_en: 'Business attire',
	bring_notes_en: 'Business cards',
	host_name_en: 'Chen Jing'
};
const HAN = /\p{Script=Han}/u;

let owners = 0;
async function invitationsFor(values: object) {
	owners += 1;
	const owner = await newUser(db, { name: 'Zhang Wei', email: `zhang${owners}@host.example` });
	const accountId = await newAccount(db, { owner_user_id: owner });
	const gatheringId = await newGathering(db, {
		title_en: 'Key Account Evening',
		...chinese,
		...values
	});
	const en = await newContact(db, {
		account_id: accountId,
		name: 'Anna Schmidt',
		locale: 'en',
		time_zone: 'Europe/Berlin'
	});
	const zh = await newContact(db, { account_id: accountId, name: '王伟', locale: 'zh-CN' });
	const enInvitee = await addInvitee(db, gatheringId, { contact_id: en.id });
	const zhInvitee = await addInvitee(db, gatheringId, { contact_id: zh.id });
	await sendInvitations(db, gatheringId, 'all_not_invited', 'req-bilingual', null);
	const rows = await db.selectFrom('outbox_message').selectAll().orderBy('id').execute();
	const attachment = async (messageId: number) =>
		String(
			(
				await db
					.selectFrom('outbox_attachment')
					.select('content')
					.where('message_id', '=', messageId)
					.executeTakeFirstOrThrow()
			).content
		);
	const byInvitee = (id: number) => rows.find((r) => r.invitee_id === id)!;
	return { gatheringId, enInvitee, zhInvitee, byInvitee, attachment };
}

function vevent(ics: string) {
	return new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
}

describe('details in both languages', () => {
	it('gives an English guest only the English details, with Beijing time and their own', async () => {
		const { enInvitee, byInvitee, attachment } = await invitationsFor(english);
		const mail = byInvitee(enInvitee.id);
		for (const value of Object.values(english)) {
			expect(mail.text).toContain(value);
		}
		for (const value of [
			chinese.venue_name,
			chinese.venue_address,
			chinese.dress_code,
			chinese.bring_notes,
			chinese.host_name
		]) {
			expect(mail.text).not.toContain(value);
		}
		expect(mail.text).toContain('Friday 18 December 2026, 18:00–22:00 Beijing time (UTC+8)');
		expect(mail.text).toContain('11:00–15:00 Central European Time (UTC+1)');
		expect(mail.text).not.toContain('Asia/Shanghai');

		const event = vevent(await attachment(mail.id));
		const location = String(event.getFirstPropertyValue('location'));
		const description = String(event.getFirstPropertyValue('description'));
		expect(location).toBe(`${english.venue_name_en}, ${english.venue_address_en}`);
		expect(description).toContain('Dress code: Business attire');
		expect(description).toContain('Please bring: Business cards');
		expect(description).toContain('Chen Jing');
		expect(HAN.test(location + description)).toBe(false);
	});

	it('gives a Chinese guest the Chinese details', async () => {
		const { zhInvitee, byInvitee, attachment } = await invitationsFor(english);
		const mail = byInvitee(zhInvitee.id);
		expect(mail.text).toContain(chinese.venue_name);
		expect(mail.text).toContain(chinese.dress_code);
		expect(mail.text).toContain('2026年12月18日（星期五）18:00–22:00 北京时间');
		expect(mail.text).not.toContain(english.venue_name_en);
		const event = vevent(await attachment(mail.id));
		expect(String(event.getFirstPropertyValue('location'))).toBe(
			`${chinese.venue_name}, ${chinese.venue_address}`
		);
		expect(String(event.getFirstPropertyValue('description'))).toContain('着装要求: 商务正装');
	});

	it('warns in the preview which details an English guest will read in Chinese', async () => {
		const { gatheringId, enInvitee, zhInvitee } = await invitationsFor({
			venue_name_en: english.venue_name_en,
			venue_address_en: english.venue_address_en
		});
		const preview = await previewInvitation(db, gatheringId, enInvitee.id);
		expect(preview?.chineseOnly).toEqual(['dress_code', 'bring_notes', 'host_name']);
		expect(preview?.from).toEqual({ name: 'Zhang Wei', address: 'gala@localhost' });
		expect((await previewInvitation(db, gatheringId, zhInvitee.id))?.chineseOnly).toEqual([]);
		const full = await invitationsFor(english);
		expect((await previewInvitation(db, full.gatheringId, full.enInvitee.id))?.chineseOnly).toEqual(
			[]
		);
	});

	it('keeps the English details through the form and the RSVP view', async () => {
		const input = gatheringInputSchema.parse({
			title_zh: '答谢会',
			starts_local: '2026-12-11T14:00',
			ends_local: '2026-12-11T21:00',
			...chinese,
			...english
		});
		const id = await createGathering(db, input, null);
		const stored = await db
			.selectFrom('gathering')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(gatheringFormValues(stored)).toMatchObject(english);
		const contact = await newContact(db, { locale: 'en' });
		const invitee = await addInvitee(db, id, { contact_id: contact.id });
		await db
			.insertInto('rsvp_token')
			.values({ invitee_id: invitee.id, token_hash: hashToken('tok-bilingual'), created_at: '' })
			.execute();
		const view = await loadRsvp(db, 'tok-bilingual');
		expect(view.gathering.dress_code_en).toBe('Business attire');
	});
});
