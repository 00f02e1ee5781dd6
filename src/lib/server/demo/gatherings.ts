import { replaceCompanions } from '../gatherings/companions-repository';
import type { Transaction } from 'kysely';
import type { DB, InviteeStatus, AnswerSource } from '../db/schema';
import { logChange } from '../activity/log';
import { freshCheckinCode } from '../checkin/fresh-code';
import { listKeyAccountContactIds } from '../contacts/repository';
import { insertGathering, insertInvitee } from '../gatherings/repository';
import { listStaffBySeniority } from '../host/repository';
import { generatedMapUrl } from '../gatherings/schema';
import { newGatheringUid } from '../gatherings/service';
import { localToUtcIso } from '../gatherings/zoned';
import { nowIso } from '../time';

const ZONE = 'Asia/Shanghai';
const at = (local: string) => localToUtcIso(local, ZONE) as string;

interface Answer {
	status: InviteeStatus;
	source: AnswerSource | null;
	companions: number;
}

/**
 * A spread of answers that looks like a real list a week before the deadline: most key guests
 * accepted (some by phone, a few with a companion), a few declined, some still silent.
 */
function answerFor(i: number, past: boolean): Answer {
	const pattern = past ? i % 6 : i % 8;
	if (pattern === 0 || pattern === 1 || pattern === 3) {
		return { status: 'accepted', source: 'link', companions: pattern === 3 ? 1 : 0 };
	}
	if (pattern === 2) {
		return { status: 'accepted', source: 'phone', companions: 0 };
	}
	if (pattern === 4) {
		return { status: 'declined', source: i % 2 ? 'phone' : 'link', companions: 0 };
	}
	if (past) {
		return { status: 'accepted', source: 'staff', companions: 0 };
	}
	return pattern === 5 || pattern === 6
		? { status: 'invited', source: null, companions: 0 }
		: { status: 'not_invited', source: null, companions: 0 };
}

/** What some accepted demo guests told us on their RSVP page, in turn. */
const DEMO_TOLD: {
	dietary: string | null;
	tour: 'zh' | 'en' | null;
	arrival: string | null;
	message: string | null;
}[] = [
	{ dietary: '清真', tour: 'zh', arrival: '自驾，车牌 沪A·12345', message: null },
	{ dietary: null, tour: 'zh', arrival: '高铁到上海虹桥，17:30 到', message: null },
	{ dietary: '不吃海鲜', tour: 'en', arrival: null, message: '想了解新品的经销政策。' },
	{ dietary: '素食', tour: null, arrival: '开车，车牌 苏E·88K21', message: null },
	{ dietary: null, tour: null, arrival: null, message: null }
];

const DEMO_COMPANIONS = [
	{ name: '刘芳', name_latin: 'Liu Fang', dietary: '' },
	{ name: '陈晨', name_latin: '', dietary: '花生过敏' }
];

const DEMO_ADDRESS = '上海市黄浦区中山东一路2号';

/** Two gatherings with guest lists: an open year-end evening and a past summer one. */
const DEMO_GATHERINGS = [
	{
		title_zh: '2026 年终重点客户答谢晚宴',
		title_en: '2026 Year-end Key Account Dinner',
		description_zh: '感谢一年来的支持。晚宴、新品品鉴与抽奖。',
		description_en:
			'Thank you for a year of partnership: dinner, a new-product tasting and a draw.',
		starts: '2026-12-18T18:00',
		ends: '2026-12-18T21:30',
		deadline: '2026-12-11T18:00',
		status: 'open' as const,
		past: false
	},
	{
		title_zh: '2026 年中客户交流会',
		title_en: '2026 Mid-year Customer Meeting',
		description_zh: '上半年回顾与下半年合作计划。',
		description_en: 'A look back at the first half and plans for the second.',
		starts: '2026-06-26T15:00',
		ends: '2026-06-26T20:00',
		deadline: '2026-06-19T12:00',
		status: 'done' as const,
		past: true
	}
];

type DemoGathering = (typeof DEMO_GATHERINGS)[number];

async function insertDemoGathering(
	trx: Transaction<DB>,
	g: DemoGathering,
	userId: number | null,
	now: string
): Promise<number> {
	const id = await insertGathering(trx, {
		uid: newGatheringUid(),
		title_zh: g.title_zh,
		title_en: g.title_en,
		description_zh: g.description_zh,
		description_en: g.description_en,
		venue_name: '外滩华尔道夫酒店',
		venue_address: DEMO_ADDRESS,
		map_url: generatedMapUrl(DEMO_ADDRESS),
		time_zone: ZONE,
		starts_at: at(g.starts),
		ends_at: at(g.ends),
		rsvp_deadline: at(g.deadline),
		capacity: 60,
		companions_allowed: 1,
		dress_code: '商务正装',
		bring_notes: '名片',
		host_name: '陈静',
		host_phone: '+86 138 0000 1234',
		host_email: 'events@example.com',
		venue_name_en: 'Waldorf Astoria Shanghai on the Bund',
		venue_address_en: '2 Zhongshan East 1st Road, Huangpu District, Shanghai',
		dress_code_en: 'Business attire',
		bring_notes_en: 'Business cards',
		host_name_en: 'Chen Jing',
		status: g.status,
		reminder_days_before: g.past ? null : 3,
		reminder_sent_at: null,
		badge_palette: null,
		created_by: userId,
		created_at: now,
		updated_at: now
	});
	await logChange(
		trx,
		userId,
		'gathering.created',
		{ type: 'gathering', id: id, gatheringId: id },
		{ title: g.title_zh, source: 'demo' }
	);
	return id;
}

/** The key accounts' people as guests, answered in the spread `answerFor` gives. */
async function inviteKeyContacts(
	trx: Transaction<DB>,
	g: DemoGathering,
	id: number,
	contacts: readonly { id: number }[],
	now: string
) {
	const invitedAt = at(g.past ? '2026-06-01T10:00' : '2026-11-20T10:00');
	for (const [i, contact] of contacts.entries()) {
		const answer = answerFor(i, g.past);
		const told = answer.status === 'accepted' ? DEMO_TOLD[i % DEMO_TOLD.length] : null;
		const inviteeId = await insertInvitee(trx, {
			gathering_id: id,
			contact_id: contact.id,
			role: 'guest',
			status: answer.status,
			answer_source: answer.source,
			answered_at: answer.source ? invitedAt : null,
			invited_at: answer.status === 'not_invited' ? null : invitedAt,
			dietary: told?.dietary ?? null,
			tour_language: told?.tour ?? null,
			arrival_details: told?.arrival ?? null,
			message_to_host: told?.message ?? null,
			checkin_code: await freshCheckinCode(trx),
			checked_in_at: g.past && answer.status === 'accepted' ? at(g.starts) : null,
			created_at: now,
			updated_at: now
		});
		if (answer.companions > 0) {
			const companion = DEMO_COMPANIONS[i % DEMO_COMPANIONS.length];
			await replaceCompanions(trx, id, inviteeId, [companion], now);
		}
	}
}

/** Our people host: attending without any answer, told by an internal notice. */
async function addOurPeople(
	trx: Transaction<DB>,
	g: DemoGathering,
	id: number,
	people: readonly { id: number; kind: 'executive' | 'staff' }[],
	now: string
) {
	const invitedAt = at(g.past ? '2026-06-01T10:00' : '2026-11-20T10:00');
	for (const person of people) {
		await insertInvitee(trx, {
			gathering_id: id,
			staff_member_id: person.id,
			role: person.kind === 'executive' ? 'executive' : 'staff',
			status: 'not_invited',
			answer_source: null,
			answered_at: null,
			invited_at: invitedAt,
			checkin_code: await freshCheckinCode(trx),
			created_at: now,
			updated_at: now
		});
	}
}

export async function loadDemoGatherings(
	trx: Transaction<DB>,
	userId: number | null
): Promise<number> {
	const keyContacts = await listKeyAccountContactIds(trx);
	const ourPeople = await listStaffBySeniority(trx);
	for (const g of DEMO_GATHERINGS) {
		const now = nowIso();
		const id = await insertDemoGathering(trx, g, userId, now);
		await inviteKeyContacts(trx, g, id, keyContacts, now);
		await addOurPeople(trx, g, id, ourPeople, now);
	}
	return DEMO_GATHERINGS.length;
}
