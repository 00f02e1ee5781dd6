import { z } from 'zod';
import type { MessageKey } from '$lib/i18n';
import type { Db, Executor } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { requireGatheringRow } from './placement';
import { recordActivity } from '../activity/repository';
import { enqueueMessage } from '../mail/outbox';
import { esc } from '../invitations/format';
import { nowIso } from '../time';
import { m } from '$lib/paraglide/messages';
import { clock } from './agenda';
import { listSpeakerChoices } from './agenda-repository';
import { listAttendees } from './attendees';
import * as repo from './banquet-repository';
import { listSeats, listTables } from './seating-repository';
import { getState, updateState } from './state-repository';
import { intIn, text } from './schema';
import { isHostRole, type Attendee } from '$lib/domain/program/people';
import {
	introLine,
	nowAndNext,
	overrun,
	runningOrder,
	SEGMENT_KINDS,
	STANDARD_ORDER,
	type SegmentSpeaker
} from '$lib/domain/program/banquet';

export const segmentSchema = z.object({
	id: z.coerce.number().int().positive().optional().catch(undefined),
	kind: z.enum(SEGMENT_KINDS, 'error_choice'),
	invitee_id: z.coerce.number().int().nonnegative().catch(0),
	minutes: intIn(1, 600),
	note: text(1000)
});
export type SegmentInput = z.output<typeof segmentSchema>;

async function context(db: Executor, gatheringId: number) {
	const g = await requireGatheringRow(db, gatheringId);
	const item = await repo.findBanquetItem(db, gatheringId);
	return { g, item };
}

async function requireBanquet(db: Executor, gatheringId: number) {
	const c = await context(db, gatheringId);
	if (!c.item) {
		throw new DomainError('program_error_no_banquet');
	}
	return { g: c.g, item: c.item };
}

export type BanquetView = Awaited<ReturnType<typeof loadBanquet>>;

/** The running order with its times, the designated guest, and the MC's lines. */
export async function loadBanquet(db: Executor, gatheringId: number, now = Date.now()) {
	const { g, item } = await context(db, gatheringId);
	const [state, people, attendees, lines, tables, seats] = await Promise.all([
		getState(db, gatheringId),
		listSpeakerChoices(db, gatheringId),
		listAttendees(db, gatheringId),
		repo.listMcLines(db, gatheringId),
		listTables(db, gatheringId),
		listSeats(db, gatheringId)
	]);
	const segments = item ? await repo.listSegments(db, gatheringId, item.id) : [];
	const start = item ? Date.parse(item.starts_at) : Date.parse(g.starts_at);
	const lateAt = state.late_updated_at ? Date.parse(state.late_updated_at) : start;
	const timed = runningOrder(
		start,
		segments.map((s) => s.minutes),
		{ minutes: state.late_minutes, at: lateAt }
	);
	const byId = new Map(people.map((p) => [p.id, p]));
	const designated = state.designated_invitee_id
		? byId.get(state.designated_invitee_id)
		: undefined;
	const warnings = designatedWarnings(segments, designated);
	const { hosts, guestsByTable } = mcIntroductions(attendees, lines, tables, seats);
	const nn = nowAndNext(timed, now);
	return {
		hasBanquet: Boolean(item),
		banquet: item
			? {
					id: item.id,
					startClock: clock(item.starts_at, g.time_zone),
					endClock: clock(item.ends_at, g.time_zone),
					overrun: overrun(timed, start, Date.parse(item.ends_at))
				}
			: null,
		segments: segments.map((s, i) => ({
			id: s.id,
			kind: s.kind,
			inviteeId: s.invitee_id,
			person: s.invitee_id ? (byId.get(s.invitee_id)?.name ?? '') : '',
			minutes: s.minutes,
			note: s.note,
			start: clock(new Date(timed[i].start).toISOString(), g.time_zone),
			end: clock(new Date(timed[i].end).toISOString(), g.time_zone),
			plannedStart: clock(new Date(timed[i].plannedStart).toISOString(), g.time_zone)
		})),
		now: nn.now,
		next: nn.next,
		late: state.late_minutes,
		designated: designated
			? {
					id: designated.id,
					name: designated.name ?? '',
					status: designated.status,
					company: designated.company
				}
			: null,
		warnings,
		people: people
			.filter((p) => p.status !== 'declined')
			.map((p) => ({
				id: p.id,
				name: p.name ?? '',
				role: p.role,
				company: p.company,
				status: p.status
			})),
		guests: people
			.filter((p) => p.role === 'guest' && p.status !== 'declined')
			.map((p) => ({ id: p.id, name: p.name ?? '', company: p.company, status: p.status })),
		hosts,
		guestsByTable
	};
}

/** The guest speech needs a designated guest who has accepted. */
function designatedWarnings(
	segments: { kind: string }[],
	designated: { status: string } | undefined
): MessageKey[] {
	if (!segments.some((s) => s.kind === 'guest_speech')) {
		return [];
	}
	if (!designated) {
		return ['program_banquet_warn_no_designated'];
	}
	return designated.status !== 'accepted' ? ['program_banquet_warn_designated_not_accepted'] : [];
}

/**
 * The MC's lines: our people by seniority, then the guests table by table in seat order (the
 * unseated last), each generated from name, title and company unless staff edited it.
 */
function mcIntroductions(
	attendees: Attendee[],
	lines: { person_key: string; locale: string; text: string }[],
	tables: { id: number; name: string }[],
	seats: { person_key: string; table_id: number; seat: number }[]
) {
	const edited = new Map(lines.map((l) => [`${l.person_key}|${l.locale}`, l.text]));
	const lineFor = (a: Attendee, ours: boolean) => {
		const p = {
			name: a.name,
			nameLatin: a.nameLatin,
			title: a.title,
			titleEn: a.titleEn,
			company: a.company,
			companyEn: a.companyEn
		};
		return {
			key: a.key,
			name: a.name,
			title: a.title,
			zh: edited.get(`${a.key}|zh-CN`) ?? introLine(p, 'zh-CN', ours),
			en: edited.get(`${a.key}|en`) ?? introLine(p, 'en', ours),
			edited: edited.has(`${a.key}|zh-CN`) || edited.has(`${a.key}|en`)
		};
	};
	const hosts = attendees
		.filter((a) => isHostRole(a.role))
		.sort((a, b) => a.seniority - b.seniority)
		.map((a) => lineFor(a, true));
	const seatOf = new Map(seats.map((s) => [s.person_key, s]));
	const guestsByTable = tables
		.map((tb) => ({
			table: tb.name,
			people: attendees
				.filter((a) => !isHostRole(a.role) && seatOf.get(a.key)?.table_id === tb.id)
				.sort((a, b) => seatOf.get(a.key)!.seat - seatOf.get(b.key)!.seat)
				.map((a) => lineFor(a, false))
		}))
		.filter((x) => x.people.length > 0);
	const unseatedGuests = attendees
		.filter((a) => !isHostRole(a.role) && !seatOf.has(a.key))
		.map((a) => lineFor(a, false));
	if (unseatedGuests.length > 0) {
		guestsByTable.push({ table: '—', people: unseatedGuests });
	}
	return { hosts, guestsByTable };
}

/** Replaces the running order with DOMAIN.md's, each segment with its usual person. */
export async function useStandardOrder(db: Db, gatheringId: number, userId: number | null) {
	await db.transaction().execute(async (trx) => {
		const { item } = await requireBanquet(trx, gatheringId);
		const [attendees, state] = await Promise.all([
			listAttendees(trx, gatheringId),
			getState(trx, gatheringId)
		]);
		const hosts = attendees
			.filter((a) => isHostRole(a.role))
			.sort((a, b) => a.seniority - b.seniority);
		const gm = hosts.find((h) => h.isGeneralManager) ?? hosts[0];
		const sales =
			hosts.find((h) => /销售|sales/i.test(`${h.title ?? ''} ${h.titleEn ?? ''}`)) ??
			hosts.find((h) => h !== gm);
		const who: Record<SegmentSpeaker, number | null> = {
			general_manager: gm?.inviteeId ?? null,
			sales_manager: sales?.inviteeId ?? null,
			designated_guest: state.designated_invitee_id,
			none: null
		};
		await repo.deleteSegments(trx, gatheringId);
		for (const [i, s] of STANDARD_ORDER.entries()) {
			await repo.insertSegment(trx, {
				gathering_id: gatheringId,
				item_id: item.id,
				sort: i,
				kind: s.kind,
				invitee_id: who[s.speaker],
				minutes: s.minutes,
				note: ''
			});
		}
		await recordActivity(trx, {
			user_id: userId,
			action: 'program.banquet_standard_order',
			subject_type: 'gathering',
			subject_id: gatheringId,
			gathering_id: gatheringId
		});
	});
}

export async function saveSegment(db: Db, gatheringId: number, input: SegmentInput): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const { item } = await requireBanquet(trx, gatheringId);
		let person: number | null = null;
		if (input.invitee_id) {
			const people = await listSpeakerChoices(trx, gatheringId);
			if (!people.some((p) => p.id === input.invitee_id)) {
				throw new DomainError('program_error_speaker');
			}
			person = input.invitee_id;
		}
		const values = {
			kind: input.kind,
			invitee_id: person,
			minutes: input.minutes,
			note: input.note
		};
		if (input.id) {
			if ((await repo.updateSegment(trx, gatheringId, input.id, values)) === 0) {
				throw new NotFoundError();
			}
		} else {
			const count = (await repo.listSegments(trx, gatheringId, item.id)).length;
			await repo.insertSegment(trx, {
				...values,
				gathering_id: gatheringId,
				item_id: item.id,
				sort: count
			});
		}
	});
}

export async function removeSegment(db: Db, gatheringId: number, id: number): Promise<void> {
	if ((await repo.deleteSegments(db, gatheringId, [id])) === 0) {
		throw new NotFoundError();
	}
}

/** Moves a segment one place earlier (-1) or later (+1). */
export async function moveSegment(
	db: Db,
	gatheringId: number,
	id: number,
	by: -1 | 1
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const { item } = await requireBanquet(trx, gatheringId);
		const list = await repo.listSegments(trx, gatheringId, item.id);
		const i = list.findIndex((s) => s.id === id);
		if (i < 0) {
			throw new NotFoundError();
		}
		const j = i + by;
		if (j < 0 || j >= list.length) {
			return;
		}
		[list[i], list[j]] = [list[j], list[i]];
		for (const [n, s] of list.entries()) {
			await repo.updateSegment(trx, gatheringId, s.id, { sort: n });
		}
	});
}

export async function setDesignated(db: Db, gatheringId: number, inviteeId: number | null) {
	await db.transaction().execute(async (trx) => {
		if (inviteeId !== null) {
			const people = await listSpeakerChoices(trx, gatheringId);
			const p = people.find((x) => x.id === inviteeId);
			if (!p || p.role !== 'guest') {
				throw new DomainError('program_error_designated');
			}
		}
		await updateState(trx, gatheringId, { designated_invitee_id: inviteeId });
		// The guest speech goes to the designated guest.
		const item = await repo.findBanquetItem(trx, gatheringId);
		if (item) {
			for (const s of await repo.listSegments(trx, gatheringId, item.id)) {
				if (s.kind === 'guest_speech') {
					await repo.updateSegment(trx, gatheringId, s.id, { invitee_id: inviteeId });
				}
			}
		}
	});
}

/** Running late by N minutes (0 = on time again), from now; every view sees it on its next poll. */
export async function setLate(db: Db, gatheringId: number, minutes: number): Promise<void> {
	await updateState(db, gatheringId, {
		late_minutes: minutes,
		late_updated_at: minutes === 0 ? null : nowIso()
	});
}

export async function saveMcLine(
	db: Db,
	gatheringId: number,
	personKey: string,
	locale: 'zh-CN' | 'en',
	line: string
): Promise<void> {
	const keys = new Set((await listAttendees(db, gatheringId)).map((a) => a.key));
	if (!keys.has(personKey)) {
		throw new NotFoundError();
	}
	await repo.setMcLine(db, gatheringId, personKey, locale, line);
}

/**
 * Emails the designated guest a short request to speak, from their account manager, in the
 * guest's language. Once per guest and gathering (a second click writes nothing).
 */
export async function requestGuestSpeech(db: Db, gatheringId: number, userId: number | null) {
	return db.transaction().execute(async (trx) => {
		const { g } = await context(trx, gatheringId);
		const state = await getState(trx, gatheringId);
		const guest = (await listSpeakerChoices(trx, gatheringId)).find(
			(p) => p.id === state.designated_invitee_id
		);
		if (!guest) {
			throw new DomainError('program_banquet_warn_no_designated');
		}
		if (!guest.email) {
			throw new DomainError('program_error_no_email');
		}
		const manager = guest.owner_user_id ? await repo.findUser(trx, guest.owner_user_id) : undefined;
		if (!manager) {
			throw new DomainError('program_error_no_manager');
		}
		const locale = guest.locale === 'en' ? 'en' : 'zh-CN';
		const title = locale === 'en' ? g.title_en || g.title_zh : g.title_zh || g.title_en;
		const name = guest.salutation || guest.name || '';
		const params = { name, gathering: title, manager: manager.name };
		const body = m.program_speech_request_body(params, { locale });
		const id = await enqueueMessage(trx, {
			kind: 'speech_request',
			dedupeKey: `speech-request:${gatheringId}:${guest.id}`,
			fromName: manager.name,
			replyTo: manager.email,
			to: { address: guest.email, name: guest.name },
			locale,
			subject: m.program_speech_request_subject(params, { locale }),
			html: `<p>${esc(body).replace(/\n/g, '<br>')}</p>`,
			text: body,
			attachments: [],
			gatheringId,
			inviteeId: guest.id
		});
		await recordActivity(trx, {
			user_id: userId,
			action: 'program.speech_requested',
			subject_type: 'invitee',
			subject_id: guest.id,
			gathering_id: gatheringId
		});
		return id !== null;
	});
}
