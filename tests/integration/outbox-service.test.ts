import { describe, expect, it } from 'vitest';
import { enqueueMessage } from '$lib/server/mail/outbox';
import {
	loadAttachment,
	loadOutboxList,
	loadOutboxMessage,
	parseOutboxQuery,
	retryMessage
} from '$lib/server/mail/service';
import { createTestDb } from '../helpers/db';
import { sampleMessage } from './support/messages';

const query = (search: string) => parseOutboxQuery(new URLSearchParams(search));

describe('outbox page queries', () => {
	it('filters by status, kind and recipient, counts by status and pages by 25', async () => {
		const db = await createTestDb();
		for (let n = 0; n < 30; n++) {
			await enqueueMessage(db, sampleMessage(n, n < 3 ? { kind: 'reminder' } : {}));
		}
		await enqueueMessage(
			db,
			sampleMessage(99, { to: { address: 'li.na@example.com', name: '李娜' } })
		);
		await db.updateTable('outbox_message').set({ status: 'sent' }).where('id', '<=', 10).execute();
		await db.updateTable('outbox_message').set({ status: 'failed' }).where('id', '=', 11).execute();

		const all = await loadOutboxList(db, query(''));
		expect(all.counts).toEqual({ queued: 20, sent: 10, failed: 1 });
		expect(all.total).toBe(31);
		expect(all.rows).toHaveLength(25);
		expect(all.pages).toBe(2);
		expect(all.rows[0].to_name).toBe('李娜');
		expect(all.kinds).toEqual(['invitation', 'reminder']);
		expect((await loadOutboxList(db, query('page=2'))).rows).toHaveLength(6);

		expect((await loadOutboxList(db, query('status=failed'))).rows.map((r) => r.id)).toEqual([11]);
		expect((await loadOutboxList(db, query('kind=reminder'))).total).toBe(3);
		expect((await loadOutboxList(db, query('q=李娜'))).rows.map((r) => r.to_address)).toEqual([
			'li.na@example.com'
		]);
		expect((await loadOutboxList(db, query('q=LI.NA@'))).total).toBe(1);
		// LIKE wildcards typed by a person are plain characters.
		expect((await loadOutboxList(db, query('q=%25'))).total).toBe(0);
	});

	it('falls back to everything for unknown filter values', () => {
		expect(query('status=lost&page=-3')).toEqual({ status: null, kind: null, q: null, page: 1 });
	});

	it('shows one message with its attachments and serves an attachment only under its message', async () => {
		const db = await createTestDb();
		const id = (await enqueueMessage(db, sampleMessage(1)))!;
		const other = (await enqueueMessage(db, sampleMessage(2)))!;
		const page = await loadOutboxMessage(db, id);
		expect(page.message.subject).toBe('诚邀您参加答谢会 #1');
		expect(page.attachments).toEqual([
			expect.objectContaining({
				filename: 'invitation.ics',
				content_type: 'text/calendar; method=REQUEST'
			})
		]);
		expect(page.attachments[0].size).toBeGreaterThan(100);
		const file = await loadAttachment(db, id, page.attachments[0].id);
		expect(file.content.toString('utf8')).toContain('BEGIN:VCALENDAR');
		await expect(loadAttachment(db, other, page.attachments[0].id)).rejects.toThrow(
			'outbox_error_not_found'
		);
		await expect(loadOutboxMessage(db, 9999)).rejects.toThrow('outbox_error_not_found');
	});

	it('shows inline images (the logo, a card) in the preview, which cannot resolve cid: parts', async () => {
		const db = await createTestDb();
		const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
		const id = (await enqueueMessage(
			db,
			sampleMessage(3, {
				html: '<p><img src="cid:logo@gala" alt="Logo"><img src="cid:other@elsewhere"></p>',
				attachments: [
					{ filename: 'logo.png', contentType: 'image/png', content: png, contentId: 'logo@gala' },
					{
						filename: 'evil.svg',
						contentType: 'image/svg+xml',
						content: '<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>',
						contentId: 'other@elsewhere'
					}
				]
			})
		))!;
		const page = await loadOutboxMessage(db, id);
		expect(page.message.html).toContain(`src="data:image/png;base64,${png.toString('base64')}"`);
		// Only raster images are inlined: an SVG part could carry script.
		expect(page.message.html).toContain('src="cid:other@elsewhere"');
	});

	it('refuses to retry a message that has not failed, and changes nothing', async () => {
		const db = await createTestDb();
		const id = (await enqueueMessage(db, sampleMessage(1)))!;
		await expect(retryMessage(db, id)).rejects.toThrow('outbox_error_not_failed');
		await db
			.updateTable('outbox_message')
			.set({ status: 'failed', attempts: 4, last_error: '550 no' })
			.where('id', '=', id)
			.execute();
		await retryMessage(db, id);
		const row = await db
			.selectFrom('outbox_message')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.status).toBe('queued');
		expect(row.attempts).toBe(0);
	});

	it('writes a message once per dedupe key', async () => {
		const db = await createTestDb();
		const message = sampleMessage(1, { dedupeKey: 'invite:1:1' });
		expect(await enqueueMessage(db, message)).toBeTypeOf('number');
		expect(await enqueueMessage(db, message)).toBeNull();
		expect((await loadOutboxList(db, query(''))).total).toBe(1);
	});
});
