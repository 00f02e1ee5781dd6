import type { OutgoingMessage } from '$lib/server/mail/outbox';

/** A small invitation-like message with an .ics attachment; `n` makes it unique. */
export function sampleMessage(
	n: number,
	overrides: Partial<OutgoingMessage> = {}
): OutgoingMessage {
	return {
		kind: 'invitation',
		dedupeKey: `test-${n}-${Math.random().toString(36).slice(2)}`,
		fromName: '王经理',
		replyTo: 'wang.manager@example.com',
		to: { address: `guest${n}@example.com`, name: `客人${n}` },
		locale: 'zh-CN',
		subject: `诚邀您参加答谢会 #${n}`,
		html: `<p>尊敬的客人${n}：</p><p>诚邀您参加<strong>重点客户答谢会</strong>。</p>`,
		text: `尊敬的客人${n}：\n诚邀您参加重点客户答谢会。`,
		attachments: [
			{
				filename: 'invitation.ics',
				contentType: 'text/calendar; method=REQUEST',
				content:
					'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Gala//test//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:test-' +
					n +
					'@gala\r\nDTSTAMP:20261123T000000Z\r\nDTSTART:20261218T100000Z\r\nDTEND:20261218T140000Z\r\nSUMMARY:Key Account Evening\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'
			}
		],
		...overrides
	};
}
