import { describe, expect, it } from 'vitest';
import { classifySendError, toMailOptions } from '$lib/server/mail/transport';
import type { OutboxMessage } from '$lib/server/db/schema';

describe('sorting SMTP failures', () => {
	it("treats a 5xx reply as permanent and keeps the server's words", () => {
		const failure = classifySendError(
			Object.assign(new Error("Can't send mail - all recipients were rejected"), {
				code: 'EENVELOPE',
				command: 'RCPT TO',
				responseCode: 550,
				response: '550 5.1.1 <x@example.com>: Recipient address rejected'
			})
		);
		expect(failure).toEqual({
			permanent: true,
			serverDown: false,
			reply: '550 5.1.1 <x@example.com>: Recipient address rejected',
			bounce: true
		});
	});

	it('retries 4xx replies, refused connections and timeouts', () => {
		expect(
			classifySendError(
				Object.assign(new Error('x'), { responseCode: 451, response: '451 4.7.1 Try later' })
			)
		).toEqual({
			permanent: false,
			serverDown: false,
			reply: '451 4.7.1 Try later',
			bounce: false
		});
		expect(
			classifySendError(
				Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ECONNECTION' })
			).permanent
		).toBe(false);
		expect(
			classifySendError(Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT' }))
				.permanent
		).toBe(false);
	});

	it('does not fail every message for a wrong SMTP password (retries instead)', () => {
		const failure = classifySendError(
			Object.assign(new Error('Invalid login'), {
				code: 'EAUTH',
				responseCode: 535,
				response: '535 5.7.8 Bad credentials'
			})
		);
		expect(failure.permanent).toBe(false);
		expect(failure.reply).toContain('535');
	});

	it('names the code when the reply does not start with it', () => {
		expect(
			classifySendError(Object.assign(new Error('Message rejected'), { responseCode: 554 })).reply
		).toBe('554 Message rejected');
	});
});

describe('the email built from an outbox row', () => {
	const row = {
		id: 1,
		message_id: '<abc@gala.example.com>',
		from_name: '王经理',
		reply_to: 'wang@example.com',
		to_address: 'li@example.com',
		to_name: '李娜',
		locale: 'en',
		subject: 'Hello',
		html: '<p>Hi</p>',
		text: 'Hi'
	} as OutboxMessage;

	it("sends from MAIL_FROM in the sender's name, with the row's Message-ID and both parts", () => {
		const mail = toMailOptions(
			row,
			[
				{
					filename: 'a.ics',
					content_type: 'text/calendar; method=REQUEST',
					content: Buffer.from('X')
				}
			],
			'gala@example.com'
		);
		expect(mail.from).toEqual({ name: '王经理', address: 'gala@example.com' });
		expect(mail.to).toEqual({ name: '李娜', address: 'li@example.com' });
		expect(mail.replyTo).toBe('wang@example.com');
		expect(mail.messageId).toBe('<abc@gala.example.com>');
		expect(mail.html).toBe('<p>Hi</p>');
		expect(mail.text).toBe('Hi');
		expect(mail.date).toBeInstanceOf(Date);
		expect(mail.attachments).toEqual([
			{ filename: 'a.ics', content: Buffer.from('X'), contentType: 'text/calendar; method=REQUEST' }
		]);
	});

	it('leaves Reply-To out when the row has none', () => {
		expect(
			toMailOptions({ ...row, reply_to: null }, [], 'gala@example.com').replyTo
		).toBeUndefined();
	});
});
