import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import type { Db } from '$lib/server/db';
import { createSmtpTransport } from '$lib/server/mail/transport';
import { MailWorker } from '$lib/server/mail/worker';
import { previewInvitation, sendInvitations, sendReminders } from '$lib/server/invitations/service';
import { submitAnswer } from '$lib/server/rsvp/service';
import { revealLinks } from '$lib/server/rsvp/links';
import {
	checkLogo,
	defaultSettings,
	getSettings,
	LOGO_MAX_BYTES,
	saveLogo,
	saveSettings,
	settingsSchema
} from '$lib/server/settings/service';
import { loadDemoData } from '$lib/server/demo/seed';
import { DomainError } from '$lib/server/errors';
import { nowIso } from '$lib/server/time';
import { createTestDb, newUser } from '../helpers/db';
import { newAccount } from '../helpers/accounts';
import { addInvitee, newContact, newGathering } from '../helpers/gatherings';
import { startSink, waitFor, type TestSink } from './support/mail-sink';

// An 8×8 PNG, made with resvg.
const LOGO = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAAEklEQVR4nGOcL2T5nwEPGCEKALgYD1G0zvwGAAAAAElFTkSuQmCC',
	'base64'
);

let db: Db;
let smtp: TestSink;
let worker: MailWorker | null = null;
beforeEach(async () => {
	db = await createTestDb();
	smtp = await startSink();
});
afterEach(async () => {
	await worker?.stop();
	worker = null;
	await smtp.close();
	await db.destroy();
});

function startWorker() {
	worker = new MailWorker({
		db,
		transport: createSmtpTransport(`smtp://127.0.0.1:${smtp.port}`, { maxConnections: 1 }),
		mailFrom: 'gala@example.com',
		ownsTransport: true,
		pollMs: 25,
		backoff: { baseMs: 40, maxMs: 200, maxAttempts: 5 }
	});
	worker.start();
}

async function companyWithManager() {
	await saveSettings(db, {
		company_name: '华东优品食品有限公司',
		company_name_en: 'East China Fine Foods Co., Ltd.',
		company_address: '上海市闵行区申长路 988 号',
		company_phone: '+86 21 5555 0100',
		default_time_zone: 'Asia/Shanghai'
	});
	await saveLogo(db, LOGO);
	const owner = await newUser(db, { name: '张伟', email: 'zhang.wei@example.com' });
	const now = nowIso();
	await db
		.insertInto('staff_member')
		.values({
			user_id: owner,
			name: '张伟',
			title: '大客户经理',
			title_en: 'Key Account Manager',
			kind: 'staff',
			phone: '+86 139 0000 1111',
			created_at: now,
			updated_at: now
		})
		.execute();
	const accountId = await newAccount(db, { owner_user_id: owner });
	const gatheringId = await newGathering(db);
	const zh = await newContact(db, { account_id: accountId, locale: 'zh-CN' });
	const en = await newContact(db, { account_id: accountId, locale: 'en', name: 'Anna Schmidt' });
	const zhInvitee = await addInvitee(db, gatheringId, { contact_id: zh.id });
	const enInvitee = await addInvitee(db, gatheringId, { contact_id: en.id });
	return { gatheringId, zhInvitee, enInvitee };
}

function expectBranded(mail: ParsedMail, locale: 'zh-CN' | 'en') {
	expect(mail.from?.value[0]).toEqual({ name: '张伟', address: 'gala@example.com' });
	const logo = mail.attachments.find((a) => a.contentType === 'image/png');
	expect(logo?.cid).toBe('company-logo@gala');
	expect(logo?.related).toBe(true);
	expect(logo?.content.equals(LOGO)).toBe(true);
	// mailparser swaps a cid: image for a data: URI when it resolves it within the message.
	expect(mail.html).toMatch(/<img src="(cid:company-logo@gala|data:image\/png;base64,[^"]+)"/);
	expect(mail.html).not.toMatch(/<img src="https?:/);
	const text = mail.text ?? '';
	if (locale === 'en') {
		expect(text).toContain('East China Fine Foods Co., Ltd.');
		expect(text).toContain('张伟, Key Account Manager');
		expect(text).toContain('Tel. +86 139 0000 1111');
		expect(text).toContain('Main line +86 21 5555 0100');
	} else {
		expect(text).toContain('华东优品食品有限公司');
		expect(text).toContain('张伟 · 大客户经理');
		expect(text).toContain('电话：+86 139 0000 1111');
		expect(text).toContain('总机：+86 21 5555 0100');
	}
	expect(text).toContain('上海市闵行区申长路 988 号');
}

describe('emails come from the company', () => {
	it('invitations, reminders and confirmations carry the name, inline logo and signature', async () => {
		const { gatheringId, zhInvitee, enInvitee } = await companyWithManager();
		await sendInvitations(db, gatheringId, 'all_not_invited', 'req-brand', null);
		await sendReminders(db, gatheringId, [zhInvitee.id, enInvitee.id], 'rem-brand', null);
		const token = (await db.selectFrom('outbox_message').select('text').orderBy('id').execute())
			.map((r) => /\/rsvp\/([a-z0-9]+)/.exec(revealLinks(r.text))?.[1])
			.find(Boolean)!;
		await submitAnswer(db, token, {
			answer: 'accepted',
			companions: [],
			dietary: '',
			tour_language: '',
			arrival_details: '',
			message_to_host: ''
		});
		// The confirmation waits a few minutes for the answer to settle; here it is due at once.
		await db
			.updateTable('outbox_message')
			.set({ next_attempt_at: new Date().toISOString() })
			.where('kind', '=', 'rsvp_confirmation')
			.execute();
		startWorker();
		await waitFor(() => smtp.received.length === 5, 15_000, 'five emails');
		const kinds = smtp.received.map((m) => m.subject ?? '');
		expect(kinds.some((s) => s.startsWith('Invitation'))).toBe(true);
		for (const mail of smtp.received) {
			const en = (mail.headers.get('content-language') as string) === 'en';
			expectBranded(mail, en ? 'en' : 'zh-CN');
		}
	});

	it('previews the real From: MAIL_FROM with the manager’s name', async () => {
		const { gatheringId, zhInvitee } = await companyWithManager();
		const preview = await previewInvitation(db, gatheringId, zhInvitee.id);
		expect(preview?.from).toEqual({ name: '张伟', address: 'gala@localhost' });
	});
});

describe('the company’s details', () => {
	it('has no placeholder name before set-up, and refuses one', async () => {
		expect(defaultSettings.company_name).toBe('');
		expect((await getSettings(db)).company_name_en).toBe('');
		expect(settingsSchema.safeParse({ company_name: '本公司' }).success).toBe(false);
		expect(settingsSchema.safeParse({ company_name: '华东优品' }).success).toBe(true);
	});

	it('gives the demo data a real company', async () => {
		await loadDemoData(db, { ownerUserId: null });
		const settings = await getSettings(db);
		expect(settings.company_name).not.toBe('');
		expect(['本公司', 'Our Company']).not.toContain(settings.company_name);
		expect(settings.company_name_en).not.toBe('');
	});

	it('accepts a PNG, JPEG or GIF logo within 200 KB and refuses anything else', () => {
		expect(checkLogo(LOGO).contentType).toBe('image/png');
		expect(checkLogo(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0])).contentType).toBe('image/jpeg');
		const refused = (bytes: Uint8Array) => {
			try {
				checkLogo(bytes);
				return null;
			} catch (err) {
				return err instanceof DomainError ? err.messageKey : 'other';
			}
		};
		expect(refused(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe(
			'settings_logo_type'
		);
		const big = Buffer.alloc(LOGO_MAX_BYTES + 1);
		LOGO.copy(big);
		expect(refused(big)).toBe('settings_logo_too_large');
	});
});
