import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { createTestDb } from '../helpers/db';
import { addInvitee, newContact, newGathering } from '../helpers/gatherings';
import { previewInvitation } from '$lib/server/invitations/service';
import { forgetRenderedParts, renderConfirmationEmail } from '$lib/server/invitations/render';
import { findGathering } from '$lib/server/gatherings/repository';
import { updateGathering } from '$lib/server/gatherings/service';
import { gatheringInputSchema } from '$lib/server/gatherings/schema';
import { gatheringFormValues } from '$lib/server/gatherings/form';

// Emails reuse the parts that depend only on the gathering and the language (invitations/
// render.ts keeps them in a cache). Whatever staff edit must show in the very next email, as
// it would have with no cache at all.

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
	forgetRenderedParts();
});
afterEach(async () => {
	await db.destroy();
});

/** A new value for every field of the gathering form. */
const EDITS: Record<string, string> = {
	title_zh: '新年答谢晚宴',
	title_en: 'New Year Dinner',
	description_zh: '改过的介绍',
	description_en: 'A changed description',
	venue_name: '和平饭店',
	venue_address: '上海市黄浦区南京东路20号',
	map_url: 'https://maps.example/peace-hotel',
	time_zone: 'Asia/Tokyo',
	// The end first, so the time stays valid after each single edit.
	ends_local: '2026-12-19T22:30',
	starts_local: '2026-12-19T18:30',
	rsvp_deadline_local: '2026-12-12T12:00',
	capacity: '80',
	companions_allowed: '2',
	dress_code: '晚礼服',
	bring_notes: '名片',
	host_name: '李秘书',
	host_phone: '021-5555-0000',
	host_email: 'li@host.example',
	venue_name_en: 'Peace Hotel',
	venue_address_en: '20 Nanjing East Road, Shanghai',
	dress_code_en: 'Black tie',
	bring_notes_en: 'Business cards',
	host_name_en: 'Ms Li',
	reminder_days_before: '3'
};

async function setUp() {
	const gatheringId = await newGathering(db, {
		description_zh: '介绍',
		description_en: 'About',
		dress_code: '商务正装',
		bring_notes: '邀请函',
		host_name: '王秘书',
		host_phone: '021-1234-5678',
		host_email: 'wang@host.example',
		venue_name_en: 'Bund Hotel',
		venue_address_en: '1 Zhongshan East 1st Road',
		dress_code_en: 'Business attire',
		bring_notes_en: 'The invitation',
		host_name_en: 'Mr Wang',
		reminder_days_before: 7
	});
	const invitees: number[] = [];
	// A guest abroad as well: their emails add the time on their own clock.
	for (const [locale, time_zone] of [
		['zh-CN', 'Asia/Shanghai'],
		['en', 'Europe/Berlin']
	] as const) {
		const c = await newContact(db, { locale, time_zone });
		invitees.push((await addInvitee(db, gatheringId, { contact_id: c.id })).id);
	}
	return { gatheringId, invitees };
}

async function edit(gatheringId: number, field: string, value: string) {
	const g = (await findGathering(db, gatheringId))!;
	const input = gatheringInputSchema.parse({ ...gatheringFormValues(g), [field]: value });
	await updateGathering(db, gatheringId, input, null);
}

/** Every email a guest can get about the gathering, as text: invitation and confirmation. */
async function emails(gatheringId: number, invitees: number[]): Promise<string[]> {
	const g = (await findGathering(db, gatheringId))!;
	const out: string[] = [];
	for (const id of invitees) {
		const preview = (await previewInvitation(db, gatheringId, id))!;
		out.push(preview.mail.subject, preview.mail.html, preview.mail.text);
		for (const locale of ['zh-CN', 'en'] as const) {
			const mail = renderConfirmationEmail({
				gathering: g,
				recipient: {
					inviteeId: id,
					name: '王伟',
					salutation: null,
					email: 'guest@example.com',
					locale,
					timeZone: 'Europe/Berlin'
				},
				sender: { name: '张经理', email: 'zhang@host.example' },
				rsvpUrl: 'https://gala.example/rsvp/x',
				icsUrl: 'https://gala.example/rsvp/x/calendar.ics',
				accepted: true,
				companions: []
			});
			out.push(mail.subject, mail.html, mail.text);
		}
	}
	return out;
}

describe('the email cache', () => {
	it('shows every edit of a gathering in the next email, as an uncached render would', async () => {
		const { gatheringId, invitees } = await setUp();
		let shown = 0;
		for (const [field, value] of Object.entries(EDITS)) {
			const before = await emails(gatheringId, invitees); // fills the cache
			await edit(gatheringId, field, value);
			const next = await emails(gatheringId, invitees);
			forgetRenderedParts();
			const fresh = await emails(gatheringId, invitees);
			expect(next, `after editing ${field}`).toEqual(fresh);
			if (fresh.join() !== before.join()) {
				shown++;
			}
		}
		// Nearly every field is shown in some email (not capacity or the reminder setting).
		expect(shown).toBeGreaterThanOrEqual(Object.keys(EDITS).length - 4);
	});
});
