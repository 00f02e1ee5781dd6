import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, newUser } from '../helpers/db';
import { newAccount } from '../helpers/accounts';
import { newCampaign, newRecipient } from '../helpers/greetings';
import { startSink, waitFor } from './support/mail-sink';
import type { Db } from '$lib/server/db';
import { createSmtpTransport } from '$lib/server/mail/transport';
import { MailWorker } from '$lib/server/mail/worker';
import {
	cancelCampaign,
	editAudience,
	loadAudience,
	pauseCampaign,
	resumeCampaign,
	setFilter,
	startCampaign
} from '$lib/server/greetings/campaigns';
import { campaignSchema } from '$lib/server/greetings/campaign-form';
import { cardPng, makeCard, uploadCard } from '$lib/server/greetings/campaign-cards';
import { findCampaign, ledgerCounts, ledgerLines } from '$lib/server/greetings/campaign-repository';
import { dispatchDue } from '$lib/server/greetings/dispatch';
import { DomainError, NotFoundError } from '$lib/server/errors';
import { openUnsubscribe, unsubscribeGreetings } from '$lib/server/greetings/unsubscribe';
import { isCrossSiteForm } from '$lib/server/auth/csrf';
import { campaignReportCsv } from '$lib/server/greetings/report';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) {
		await cleanup();
	}
});

async function worker(db: Db, port: number) {
	const w = new MailWorker({
		db,
		transport: createSmtpTransport(`smtp://127.0.0.1:${port}`, { maxConnections: 2 }),
		mailFrom: 'gala@example.com',
		ownsTransport: true,
		pollMs: 25
	});
	cleanups.push(() => w.stop());
	w.start();
	return w;
}

async function keyAccountWithPeople(db: Db) {
	const owner = await newUser(db, { name: '陈经理', email: 'chen@host.example' });
	const key = await newAccount(db, {
		name: '华联超市',
		name_en: 'Hualian',
		owner_user_id: owner,
		tier_override: 'key',
		tier_override_reason: 'x'
	});
	const other = await newAccount(db, { name: '小店', channel: 'small_retail' });
	const wang = await newRecipient(db, key, {
		name: '王伟',
		salutation: '王总',
		email: 'wang@client.example'
	});
	const smith = await newRecipient(db, key, {
		name: '史密斯',
		name_latin: 'John Smith',
		salutation: 'Mr Smith',
		locale: 'en',
		email: 'smith@client.example'
	});
	const noMail = await newRecipient(db, key, { name: '李四', email: null });
	const optedOut = await newRecipient(db, key, { name: '赵五', greeting_opt_out: 1 });
	const outsider = await newRecipient(db, other, { name: '钱六' });
	return { owner, key, other, wang, smith, noMail, optedOut, outsider };
}

describe('campaign audience', () => {
	it('counts the filtered audience and shows who is left out and why', async () => {
		const db = await createTestDb();
		const p = await keyAccountWithPeople(db);
		const id = await newCampaign(db, { tier: 'key' });
		const campaign = (await findCampaign(db, id))!;
		const audience = await loadAudience(db, campaign);
		expect(audience.count).toBe(2);
		expect(audience.byLocale).toEqual({ 'zh-CN': 1, en: 1 });
		expect(audience.excluded.map((r) => [r.name, r.reason])).toEqual(
			expect.arrayContaining([
				['李四', 'no_email'],
				['赵五', 'unsubscribed']
			])
		);
		await editAudience(db, id, p.outsider, true);
		await editAudience(db, id, p.smith, false);
		const edited = await loadAudience(db, (await findCampaign(db, id))!);
		expect(edited.included.map((r) => r.name).sort()).toEqual(['王伟', '钱六']);
	});

	it('refuses an unknown merge field before anything is sent', async () => {
		const result = campaignSchema.safeParse({
			name: 'x',
			occasion: 'mid_autumn',
			occasion_date: '2027-09-15',
			send_mode: 'local_nine',
			send_date: '2027-09-15',
			send_zone: 'Asia/Shanghai',
			sender_mode: 'owner',
			subject_zh: '你好 {{nmae}}',
			body_zh: '正文',
			subject_en: '',
			body_en: ''
		});
		expect(result.success).toBe(false);
		expect(result.error!.issues[0].path).toEqual(['subject_zh']);
	});

	it('will not start when recipients read a language with no template', async () => {
		const db = await createTestDb();
		await keyAccountWithPeople(db);
		const id = await newCampaign(db, { tier: 'key' }, { subject_en: '', body_en: '' });
		await expect(startCampaign(db, id, null)).rejects.toBeInstanceOf(DomainError);
		expect((await findCampaign(db, id))!.status).toBe('draft');
		expect(await db.selectFrom('outbox_message').selectAll().execute()).toEqual([]);
	});
});

describe('sending a campaign', () => {
	it('sends each recipient one greeting in their language, from their account manager, with one-click unsubscribe headers', async () => {
		const db = await createTestDb();
		await keyAccountWithPeople(db);
		const sink = await startSink();
		cleanups.push(() => sink.close());
		const id = await newCampaign(db, { tier: 'key' });
		await startCampaign(db, id, null);
		await dispatchDue(db);
		await worker(db, sink.port);
		await waitFor(() => sink.received.length >= 2, 10_000, 'two greetings');
		const byTo = new Map(
			sink.received.map((m) => [m.to && !Array.isArray(m.to) ? m.to.value[0].address : '', m])
		);
		const zh = byTo.get('wang@client.example')!;
		const en = byTo.get('smith@client.example')!;
		expect(zh.subject).toBe('中秋节快乐，王总');
		expect(zh.text).toContain('华联超市的朋友们中秋节快乐！羊年吉祥。');
		expect(en.subject).toBe('Happy Mid-Autumn Festival, Mr Smith');
		expect(en.text).toContain(
			'Happy Mid-Autumn Festival to everyone at Hualian. Year of the Goat.'
		);
		expect(zh.from!.value[0].name).toBe('陈经理');
		expect(zh.replyTo!.value[0].address).toBe('chen@host.example');
		const line = (name: string) =>
			zh.headerLines.find((h) => h.key === name)?.line.replace(/\r\n\s+/g, ' ');
		expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
		expect(line('list-unsubscribe')).toMatch(
			/^List-Unsubscribe: <http.*\/unsubscribe\/[a-z0-9]+>$/
		);
		await waitFor(async () => (await ledgerCounts(db, id)).sent === 2, 5000, 'ledger sent');
		const counts = await ledgerCounts(db, id);
		expect(counts).toMatchObject({ sent: 2, skipped: 1, unsubscribed: 1, pending: 0 });
		const lines = await ledgerLines(db, id);
		expect(
			lines.filter((l) => l.state === 'sent').every((l) => l.message_id?.startsWith('<'))
		).toBe(true);
		await dispatchDue(db);
		expect((await findCampaign(db, id))!.status).toBe('done');
		const { csv } = await campaignReportCsv(db, id);
		const rows = csv
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\r\n');
		expect(rows).toHaveLength(5);
		const wangRow = rows.find((r) => r.includes('wang@client.example'))!;
		const sentMessageId = lines.find((l) => l.email === 'wang@client.example')!.message_id!;
		expect(wangRow).toContain(sentMessageId);
		expect(rows.find((r) => r.includes('李四'))).toMatch(/no email|无邮箱/i);
	});

	it('never queues a contact twice: audience edits, pause and resume', async () => {
		const db = await createTestDb();
		const p = await keyAccountWithPeople(db);
		const id = await newCampaign(db, { tier: 'key' });
		await startCampaign(db, id, null);
		await dispatchDue(db);
		await pauseCampaign(db, id, null);
		// Paused: what waited in the outbox unclaimed was taken back.
		expect(await db.selectFrom('outbox_message').selectAll().execute()).toHaveLength(0);
		expect((await ledgerCounts(db, id)).pending).toBe(2);
		await setFilter(db, id, {});
		await editAudience(db, id, p.outsider, true);
		await resumeCampaign(db, id, null);
		await dispatchDue(db);
		await setFilter(db, id, {});
		await dispatchDue(db);
		const rows = await db
			.selectFrom('outbox_message')
			.select(['to_address', 'dedupe_key'])
			.execute();
		expect(rows).toHaveLength(3);
		expect(new Set(rows.map((r) => r.dedupe_key)).size).toBe(3);
		const recipients = await db
			.selectFrom('campaign_recipient')
			.select('contact_id')
			.where('campaign_id', '=', id)
			.execute();
		expect(new Set(recipients.map((r) => r.contact_id)).size).toBe(recipients.length);
	});

	it('cancelling takes back what has not gone and skips the rest', async () => {
		const db = await createTestDb();
		await keyAccountWithPeople(db);
		const id = await newCampaign(db, { tier: 'key' });
		await startCampaign(db, id, null);
		await dispatchDue(db);
		await cancelCampaign(db, id, null);
		expect(await db.selectFrom('outbox_message').selectAll().execute()).toHaveLength(0);
		const counts = await ledgerCounts(db, id);
		expect(counts.pending).toBe(0);
		expect(counts.skipped).toBe(3);
		expect(await dispatchDue(db)).toBe(0);
	});

	it('hands the outbox no more than the rate per minute per sending domain', async () => {
		const db = await createTestDb();
		const account = await newAccount(db, { tier_override: 'key', tier_override_reason: 'x' });
		for (let i = 0; i < 12; i++) {
			await newRecipient(db, account, { name: `客户${i}` });
		}
		const id = await newCampaign(db, { tier: 'key' });
		await startCampaign(db, id, null);
		const now = new Date();
		expect(await dispatchDue(db, { rate: 5, now })).toBe(5);
		expect(await dispatchDue(db, { rate: 5, now })).toBe(0);
		expect(await dispatchDue(db, { rate: 5, now: new Date(now.getTime() + 61_000) })).toBe(5);
	});

	it('waits until 09:00 in each recipient zone when asked to', async () => {
		const db = await createTestDb();
		const account = await newAccount(db, { tier_override: 'key', tier_override_reason: 'x' });
		await newRecipient(db, account, { name: '上海', time_zone: 'Asia/Shanghai' });
		await newRecipient(db, account, { name: 'LA', time_zone: 'America/Los_Angeles', locale: 'en' });
		const id = await newCampaign(
			db,
			{ tier: 'key' },
			{ send_mode: 'local_nine', send_date: '2027-09-15' }
		);
		await startCampaign(db, id, null);
		// 09:00 in Shanghai is 01:00 UTC; 09:00 in Los Angeles (PDT) is 16:00 UTC.
		expect(await dispatchDue(db, { now: new Date('2027-09-15T00:59:00Z') })).toBe(0);
		expect(await dispatchDue(db, { now: new Date('2027-09-15T01:00:00Z') })).toBe(1);
		expect(await dispatchDue(db, { now: new Date('2027-09-15T15:59:00Z') })).toBe(0);
		expect(await dispatchDue(db, { now: new Date('2027-09-15T16:00:00Z') })).toBe(1);
	});
});

describe('unsubscribe', () => {
	it("stops greetings to the link's contact only, and the next campaign leaves them out", async () => {
		const db = await createTestDb();
		const p = await keyAccountWithPeople(db);
		const first = await newCampaign(db, { tier: 'key' });
		await startCampaign(db, first, null);
		await dispatchDue(db);
		const message = await db
			.selectFrom('outbox_message')
			.select(['headers', 'text'])
			.where('to_address', '=', 'wang@client.example')
			.executeTakeFirstOrThrow();
		const url = /<(.*)>/.exec(JSON.parse(message.headers!)['List-Unsubscribe'])![1];
		expect(message.text).toContain(url);
		const token = url.split('/').pop()!;
		expect(await openUnsubscribe(db, token)).toMatchObject({ name: '王总', unsubscribed: false });
		await unsubscribeGreetings(db, token);
		await unsubscribeGreetings(db, token);
		const optOut = await db.selectFrom('contact').select(['id', 'greeting_opt_out']).execute();
		expect(
			optOut
				.filter((c) => c.greeting_opt_out)
				.map((c) => c.id)
				.sort()
		).toEqual([p.wang, p.optedOut].sort());
		await expect(openUnsubscribe(db, 'a'.repeat(32))).rejects.toBeInstanceOf(NotFoundError);

		const second = await newCampaign(db, { tier: 'key' });
		await startCampaign(db, second, null);
		await dispatchDue(db);
		const lines = await ledgerLines(db, second);
		expect(lines.find((l) => l.contact_id === p.wang)).toMatchObject({
			state: 'unsubscribed',
			reason: 'unsubscribed'
		});
		expect(lines.filter((l) => l.state === 'queued').map((l) => l.contact_id)).toEqual([p.smith]);
	});

	it('lets a mail client POST the one-click unsubscribe without an Origin; other forms still need one', () => {
		const post = (path: string, origin?: string) =>
			new Request(`http://gala.test${path}`, {
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					...(origin ? { origin } : {})
				},
				body: 'List-Unsubscribe=One-Click'
			});
		const url = (path: string) => new URL(`http://gala.test${path}`);
		expect(isCrossSiteForm(post('/unsubscribe/abc'), url('/unsubscribe/abc'))).toBe(false);
		expect(isCrossSiteForm(post('/contacts/new'), url('/contacts/new'))).toBe(true);
		expect(isCrossSiteForm(post('/contacts/new', 'http://evil.test'), url('/contacts/new'))).toBe(
			true
		);
		expect(isCrossSiteForm(post('/contacts/new', 'http://gala.test'), url('/contacts/new'))).toBe(
			false
		);
	});
});

describe('greeting card', () => {
	it('embeds the card inline (cid) in its language, stored once for every message', async () => {
		const db = await createTestDb();
		await keyAccountWithPeople(db);
		const account = await newAccount(db, { tier_override: 'key', tier_override_reason: 'x' });
		await newRecipient(db, account, { name: '孙七', email: 'sun@client.example' });
		const sink = await startSink();
		cleanups.push(() => sink.close());
		const id = await newCampaign(db, { tier: 'key' });
		await makeCard(db, id, {
			locale: 'zh-CN',
			design: 'mid_autumn',
			title: '中秋快乐',
			text: '花好月圆'
		});
		const png = await cardPng(db, id, 'zh-CN');
		expect(png.subarray(1, 4).toString()).toBe('PNG');
		// IHDR: width and height of the rendered card.
		expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 800]);
		await expect(uploadCard(db, id, 'en', Buffer.from('not a png'))).rejects.toBeInstanceOf(
			DomainError
		);
		await startCampaign(db, id, null);
		await dispatchDue(db);
		expect(await db.selectFrom('mail_blob').select('id').execute()).toHaveLength(1);
		await worker(db, sink.port);
		await waitFor(() => sink.received.length >= 3, 10_000, 'three greetings');
		for (const mail of sink.received) {
			const to = (mail.to as { value: { address: string }[] }).value[0].address;
			if (to === 'smith@client.example') {
				expect(mail.attachments).toHaveLength(0);
				continue;
			}
			// mailparser swaps a cid: reference it can resolve for the inline image's data.
			expect(mail.html).toContain('src="data:image/png;base64,');
			expect(mail.attachments[0].related).toBe(true);
			expect(mail.attachments).toHaveLength(1);
			expect(mail.attachments[0].cid).toBe('card@gala');
			expect(mail.attachments[0].contentType).toBe('image/png');
			expect(mail.attachments[0].content.equals(png)).toBe(true);
		}
	});
});
