import type { OutgoingMessage } from '../../src/lib/server/mail/outbox';
import { renderInvitationEmail, type MailGathering } from '../../src/lib/server/invitations/render';
import { mintLink, revealLinks, revealLinksIn } from '../../src/lib/server/rsvp/links';

const gathering: MailGathering = {
	id: 1,
	uid: 'bench-gathering@gala.example.com',
	title_zh: '2026年度重点客户答谢晚宴',
	title_en: 'Key Account Appreciation Dinner 2026',
	description_zh:
		'感谢各位一年来的信任与支持。晚宴包括新品介绍、工厂参观和颁奖环节，期待与您共度美好夜晚。'.repeat(
			3
		),
	description_en:
		'Thank you for a year of trust and support. The evening brings a product preview, a factory tour and the partner awards; we look forward to seeing you. '.repeat(
			2
		),
	venue_name: '上海浦东香格里拉大酒店 大宴会厅',
	venue_address: '上海市浦东新区富城路33号',
	map_url: null,
	starts_at: '2026-12-18T10:00:00.000Z',
	ends_at: '2026-12-18T14:00:00.000Z',
	ics_sequence: 0,
	status: 'open',
	host_name: '刘洋',
	host_email: 'liu.yang@example.com',
	time_zone: 'Asia/Shanghai',
	rsvp_deadline: '2026-12-10T15:59:00.000Z',
	dress_code: '商务正装',
	bring_notes: '请携带名片',
	host_phone: '+86 21 5555 0100'
};

/**
 * N invitations as the app renders them (the real, pure renderer), half in Chinese, half in
 * English, each to a different guest with a personal RSVP link and .ics.
 */
export function benchMessages(count: number): OutgoingMessage[] {
	return Array.from({ length: count }, (_, i) => {
		const rendered = renderInvitationEmail({
			kind: 'invitation',
			gathering,
			recipient: {
				inviteeId: i + 1,
				name: i % 2 ? `Guest ${i}` : `王伟${i}`,
				salutation: i % 2 ? null : '王总',
				email: `guest${i}@example.com`,
				locale: i % 2 ? 'en' : 'zh-CN'
			},
			sender: { name: '张明', email: 'zhang.ming@example.com' },
			// As stored: a placeholder the worker swaps for the guest's token as it sends.
			rsvpUrl: `https://gala.example.com/rsvp/${mintLink().placeholder}`
		});
		// No gathering or invitee rows exist in the benchmark's database.
		return { ...rendered, dedupeKey: null, gatheringId: null, inviteeId: null };
	});
}

/** The same messages as the guest receives them (links in place), for the bare baseline. */
export function revealed(messages: OutgoingMessage[]): OutgoingMessage[] {
	return messages.map((m) => ({
		...m,
		html: revealLinks(m.html),
		text: revealLinks(m.text),
		attachments: m.attachments.map((a) => ({
			...a,
			content: revealLinksIn(Buffer.isBuffer(a.content) ? a.content : Buffer.from(a.content))
		}))
	}));
}
