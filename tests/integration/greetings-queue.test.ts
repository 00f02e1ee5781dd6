import { describe, expect, it } from 'vitest';
import { createTestDb, newUser } from '../helpers/db';
import { newAccount } from '../helpers/accounts';
import { newCampaign, newRecipient } from '../helpers/greetings';
import { enqueueMessage, enqueueMessages, type OutgoingMessage } from '$lib/server/mail/outbox';
import { attachmentsFor } from '$lib/server/mail/repository';
import { startCampaign } from '$lib/server/greetings/campaigns';
import { makeCard } from '$lib/server/greetings/campaign-cards';
import { dedupeKey } from '$lib/server/greetings/ledger';
import { dispatchDue } from '$lib/server/greetings/dispatch';
import { renderGreeting, greetingRenderer } from '$lib/server/greetings/render';
import { generateTokens } from '$lib/server/auth/tokens';

function message(key: string | null, to: string, attachments: OutgoingMessage['attachments']) {
	return {
		kind: 'greeting',
		dedupeKey: key,
		fromName: 'Gala',
		replyTo: null,
		to: { address: to, name: null },
		locale: 'en',
		subject: `For ${to}`,
		html: `<p>${to}</p>`,
		text: to,
		attachments
	} satisfies OutgoingMessage;
}

describe('queueing many greetings at once', () => {
	it('writes each dedupe key once, with its own attachments, also next to keys already queued', async () => {
		const db = await createTestDb();
		await enqueueMessage(db, message('k:1', 'one@x.example', []));
		const added = await enqueueMessages(db, [
			message('k:1', 'again@x.example', [
				{ filename: 'a.txt', contentType: 'text/plain', content: 'A' }
			]),
			message('k:2', 'two@x.example', [
				{ filename: 'b.txt', contentType: 'text/plain', content: 'B' }
			]),
			message('k:2', 'twice@x.example', []),
			message(null, 'three@x.example', [
				{ filename: 'c.txt', contentType: 'text/plain', content: 'C' },
				{ filename: 'd.txt', contentType: 'text/plain', content: 'D' }
			])
		]);
		expect(added).toBe(2);
		const rows = await db
			.selectFrom('outbox_message')
			.select(['id', 'dedupe_key', 'to_address', 'message_id'])
			.orderBy('id')
			.execute();
		expect(rows.map((r) => [r.dedupe_key, r.to_address])).toEqual([
			['k:1', 'one@x.example'],
			['k:2', 'two@x.example'],
			[null, 'three@x.example']
		]);
		expect(new Set(rows.map((r) => r.message_id)).size).toBe(3);
		const files = await attachmentsFor(
			db,
			rows.map((r) => r.id)
		);
		expect(files.map((f) => [f.message_id, f.filename, f.content.toString()])).toEqual([
			[rows[1].id, 'b.txt', 'B'],
			[rows[2].id, 'c.txt', 'C'],
			[rows[2].id, 'd.txt', 'D']
		]);
	});

	it('queues a campaign larger than one statement: one outbox row per recipient, every line pointing at its own, the card stored once', async () => {
		const db = await createTestDb();
		const owner = await newUser(db, { name: '陈经理' });
		const account = await newAccount(db, {
			name: '华联',
			owner_user_id: owner,
			tier_override: 'key',
			tier_override_reason: 'x'
		});
		const count = 1203;
		await db
			.insertInto('contact')
			.values(
				Array.from({ length: count }, (_, i) => ({
					account_id: account,
					name: `客户${i}`,
					name_latin: `Client ${i}`,
					salutation: null,
					email: `c${i}@client.example`,
					locale: (i % 2 ? 'en' : 'zh-CN') as 'en' | 'zh-CN',
					time_zone: 'Asia/Shanghai',
					created_at: '2026-01-01T00:00:00.000Z',
					updated_at: '2026-01-01T00:00:00.000Z'
				}))
			)
			.execute();
		await newRecipient(db, account, { name: '无邮箱', email: null });
		const id = await newCampaign(db, { tier: 'key' });
		await makeCard(db, id, { locale: 'en', design: 'mid_autumn', title: 'Moon', text: 'Hi' });
		await startCampaign(db, id, null);
		// A message already there under a recipient's key (a crash after the write): not repeated.
		const first = await db
			.selectFrom('contact')
			.select('id')
			.where('email', '=', 'c0@client.example')
			.executeTakeFirstOrThrow();
		await enqueueMessage(db, {
			...message(dedupeKey(id, first.id), 'c0@client.example', []),
			campaignId: id
		});

		expect(await dispatchDue(db, { rate: 0, batch: 700 })).toBe(count);
		expect(await dispatchDue(db, { rate: 0 })).toBe(0);

		const lines = await db
			.selectFrom('campaign_recipient as r')
			.leftJoin('outbox_message as o', 'o.id', 'r.outbox_message_id')
			.select(['r.contact_id', 'r.state', 'o.dedupe_key', 'o.to_address'])
			.where('r.campaign_id', '=', id)
			.execute();
		const queued = lines.filter((l) => l.state === 'queued');
		expect(queued).toHaveLength(count);
		for (const l of queued) {
			expect(l.dedupe_key).toBe(dedupeKey(id, l.contact_id));
		}
		const { n } = await db
			.selectFrom('outbox_message')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('campaign_id', '=', id)
			.executeTakeFirstOrThrow();
		expect(Number(n)).toBe(count);
		const cards = await db
			.selectFrom('outbox_attachment')
			.select(['blob_id', (eb) => eb.fn.countAll<number>().as('n')])
			.groupBy('blob_id')
			.execute();
		// Only the English greetings carry the card (no zh-CN card), all naming one stored blob
		// (the message written by hand above has none).
		expect(cards).toEqual([{ blob_id: expect.any(Number), n: Math.floor(count / 2) }]);
		const { blobs } = await db
			.selectFrom('mail_blob')
			.select((eb) => eb.fn.countAll<number>().as('blobs'))
			.executeTakeFirstOrThrow();
		expect(Number(blobs)).toBe(1);
	});

	it('renders the same greeting from a compiled template as from the one-off renderer', () => {
		const input = {
			locale: 'zh-CN' as const,
			subject: '{{occasion}}快乐，{{ salutation }}',
			body: '尊敬的{{salutation}}：\r\n\r\n<祝> {{company}} & 您\n{{zodiac}}年吉祥',
			card: { alt: '中秋 "快乐"' }
		};
		const values = {
			salutation: '王总',
			name: '王伟',
			company: '华联 <超市>',
			account_manager: '陈经理',
			occasion: '中秋节',
			zodiac: '羊'
		};
		const render = greetingRenderer(input);
		const url = 'https://gala.example/unsubscribe/abc?x=1&y=2';
		const compiled = render(values, url);
		expect(compiled).toEqual(renderGreeting({ ...input, values, unsubscribeUrl: url }));
		expect(compiled.subject).toBe('中秋节快乐，王总');
		expect(compiled.html).toContain('&lt;祝&gt; 华联 &lt;超市&gt; &amp; 您<br>羊年吉祥');
		expect(compiled.html).toContain('href="https://gala.example/unsubscribe/abc?x=1&amp;y=2"');
		expect(compiled.html).toContain('alt="中秋 &quot;快乐&quot;"');
		expect(compiled.text).toContain('尊敬的王总：\n\n<祝> 华联 <超市> & 您\n羊年吉祥');
		expect(compiled.text).toContain(url);
	});

	it('draws tokens in bulk like single ones: 160 random bits in base32, all different', () => {
		// 4,000 tokens are 80,000 random bytes: more than one getRandomValues call may fill.
		const tokens = generateTokens(4000);
		expect(tokens).toHaveLength(4000);
		for (const token of tokens) {
			expect(token).toMatch(/^[a-z2-7]{32}$/);
		}
		expect(new Set(tokens).size).toBe(4000);
		// The last ones come from the second draw, not left as zero bytes.
		expect(tokens.at(-1)).not.toBe('a'.repeat(32));
	});
});
