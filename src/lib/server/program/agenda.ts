import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import type { Db, Executor } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { requireGatheringRow } from './placement';
import { localToUtcIso, utcIsoToLocal, wallClock } from '../gatherings/zoned';
import { recordActivity } from '../activity/repository';
import { nowIso } from '../time';
import {
	agendaWarnings,
	ITEM_KINDS,
	shiftLater,
	standardProgramme,
	type AgendaWarning
} from '$lib/domain/program/agenda';
import * as repo from './agenda-repository';
import { checkbox, idList, requiredText, text } from './schema';

export const itemSchema = z.object({
	id: z.coerce.number().int().positive().optional().catch(undefined),
	kind: z.enum(ITEM_KINDS, 'error_choice'),
	starts_at: z.string().trim().min(1, 'error_required'),
	ends_at: z.string().trim().min(1, 'error_required'),
	title_zh: requiredText(200),
	title_en: requiredText(200),
	place: text(200),
	staff_notes: text(2000),
	guest_notes_zh: text(2000),
	guest_notes_en: text(2000),
	parallel: checkbox,
	shift_later: checkbox,
	speakers: idList
});
export type ItemInput = z.output<typeof itemSchema>;

const pad = (n: number) => String(n).padStart(2, '0');
/** 'HH:MM' on the gathering's wall clock. */
export function clock(iso: string, timeZone: string): string {
	const w = wallClock(Date.parse(iso), timeZone);
	return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** The agenda as the staff page shows it: items, speakers, the people to choose from, warnings. */
export async function loadAgenda(db: Executor, gatheringId: number) {
	const g = await requireGatheringRow(db, gatheringId);
	const [items, people] = await Promise.all([
		repo.listItems(db, gatheringId),
		repo.listSpeakerChoices(db, gatheringId)
	]);
	const byId = new Map(people.map((p) => [p.id, p]));
	const warnings: AgendaWarning[] = agendaWarnings(
		items.map((i) => ({
			id: i.id,
			start: Date.parse(i.starts_at),
			end: Date.parse(i.ends_at),
			parallel: i.parallel === 1,
			speakers: i.speakerIds.map((id) => ({
				inviteeId: id,
				name: byId.get(id)?.name ?? '',
				status: byId.get(id)?.status ?? ''
			}))
		})),
		{ start: Date.parse(g.starts_at), end: Date.parse(g.ends_at) }
	);
	return {
		timeZone: g.time_zone,
		hours: {
			start: utcIsoToLocal(g.starts_at, g.time_zone),
			end: utcIsoToLocal(g.ends_at, g.time_zone)
		},
		items: items.map((i) => ({
			...i,
			parallel: i.parallel === 1,
			startLocal: utcIsoToLocal(i.starts_at, g.time_zone),
			endLocal: utcIsoToLocal(i.ends_at, g.time_zone),
			startClock: clock(i.starts_at, g.time_zone),
			endClock: clock(i.ends_at, g.time_zone),
			speakers: i.speakerIds.map((id) => ({
				id,
				name: byId.get(id)?.name ?? '',
				status: byId.get(id)?.status ?? ''
			}))
		})),
		people: people
			.filter((p) => p.status !== 'declined' || items.some((i) => i.speakerIds.includes(p.id)))
			.map((p) => ({
				id: p.id,
				name: p.name ?? '',
				role: p.role,
				company: p.company,
				status: p.status
			})),
		warnings
	};
}

function parseTimes(input: ItemInput, timeZone: string): { start: string; end: string } {
	const start = localToUtcIso(input.starts_at, timeZone);
	const end = localToUtcIso(input.ends_at, timeZone);
	if (!start || !end) {
		throw new DomainError('program_error_time');
	}
	if (Date.parse(end) <= Date.parse(start)) {
		throw new DomainError('program_error_end_before_start');
	}
	return { start, end };
}

/** Adds or changes an item; with shift_later, items after its old end move by the same minutes. */
export async function saveItem(
	db: Db,
	gatheringId: number,
	input: ItemInput,
	userId: number | null
): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const g = await requireGatheringRow(trx, gatheringId);
		const { start, end } = parseTimes(input, g.time_zone);
		const people = new Set((await repo.listSpeakerChoices(trx, gatheringId)).map((p) => p.id));
		if (input.speakers.some((id) => !people.has(id))) {
			throw new DomainError('program_error_speaker');
		}
		const now = nowIso();
		const values = {
			kind: input.kind,
			starts_at: start,
			ends_at: end,
			title_zh: input.title_zh,
			title_en: input.title_en,
			place: input.place,
			staff_notes: input.staff_notes,
			guest_notes_zh: input.guest_notes_zh,
			guest_notes_en: input.guest_notes_en,
			parallel: input.parallel ? 1 : 0,
			updated_at: now
		};
		let id = input.id;
		if (id) {
			const old = await repo.findItem(trx, gatheringId, id);
			if (!old) {
				throw new NotFoundError();
			}
			await repo.updateItem(trx, gatheringId, id, values);
			if (input.shift_later) {
				await shiftAfter(
					trx,
					gatheringId,
					id,
					old.ends_at,
					Date.parse(end) - Date.parse(old.ends_at)
				);
			}
		} else {
			id = await repo.insertItem(trx, { ...values, gathering_id: gatheringId, created_at: now });
		}
		await repo.setItemPeople(trx, id, input.speakers);
		await refreshAgendaText(trx, gatheringId);
		await recordActivity(trx, {
			user_id: userId,
			action: input.id ? 'program.item_updated' : 'program.item_created',
			subject_type: 'program_item',
			subject_id: id,
			gathering_id: gatheringId,
			details: { title: input.title_zh }
		});
		return id;
	});
}

async function shiftAfter(
	trx: Executor,
	gatheringId: number,
	changedId: number,
	oldEnd: string,
	deltaMs: number
): Promise<void> {
	const items = await repo.listItems(trx, gatheringId);
	const moved = shiftLater(
		items.map((i) => ({ id: i.id, start: Date.parse(i.starts_at), end: Date.parse(i.ends_at) })),
		changedId,
		Date.parse(oldEnd),
		deltaMs
	);
	for (const m of moved) {
		await repo.updateItem(trx, gatheringId, m.id, {
			starts_at: new Date(m.start).toISOString(),
			ends_at: new Date(m.end).toISOString()
		});
	}
}

export async function removeItem(
	db: Db,
	gatheringId: number,
	id: number,
	userId: number | null
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const item = await repo.findItem(trx, gatheringId, id);
		if (!item) {
			throw new NotFoundError();
		}
		await repo.deleteItems(trx, gatheringId, [id]);
		await refreshAgendaText(trx, gatheringId);
		await recordActivity(trx, {
			user_id: userId,
			action: 'program.item_deleted',
			subject_type: 'program_item',
			subject_id: id,
			gathering_id: gatheringId,
			details: { title: item.title_zh }
		});
	});
}

/** Replaces the agenda with DOMAIN.md's five parts laid across the gathering's hours. */
export async function useStandardProgramme(
	db: Db,
	gatheringId: number,
	userId: number | null
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const g = await requireGatheringRow(trx, gatheringId);
		await repo.deleteItems(trx, gatheringId);
		const now = nowIso();
		for (const p of standardProgramme(Date.parse(g.starts_at), Date.parse(g.ends_at))) {
			await repo.insertItem(trx, {
				gathering_id: gatheringId,
				kind: p.kind,
				starts_at: new Date(p.start).toISOString(),
				ends_at: new Date(p.end).toISOString(),
				title_zh: p.title_zh,
				title_en: p.title_en,
				place: '',
				staff_notes: '',
				guest_notes_zh: p.guest_notes_zh,
				guest_notes_en: p.guest_notes_en,
				parallel: 0,
				created_at: now,
				updated_at: now
			});
		}
		await refreshAgendaText(trx, gatheringId);
		await recordActivity(trx, {
			user_id: userId,
			action: 'program.standard_used',
			subject_type: 'gathering',
			subject_id: gatheringId,
			gathering_id: gatheringId
		});
	});
}

export interface AgendaLine {
	start: string;
	end: string;
	title: string;
	place: string;
	notes: string;
}

/** The agenda in one language, as guests see it (no staff notes). */
export async function guestAgenda(
	db: Executor,
	gatheringId: number,
	timeZone: string,
	locale: 'zh-CN' | 'en'
): Promise<AgendaLine[]> {
	const items = await repo.listItems(db, gatheringId);
	return items.map((i) => agendaLine(i, timeZone, locale));
}

function agendaLine(i: repo.AgendaItemRow, timeZone: string, locale: 'zh-CN' | 'en'): AgendaLine {
	const en = locale === 'en';
	return {
		start: clock(i.starts_at, timeZone),
		end: clock(i.ends_at, timeZone),
		title: en ? i.title_en || i.title_zh : i.title_zh || i.title_en,
		place: i.place,
		notes: en ? i.guest_notes_en || i.guest_notes_zh : i.guest_notes_zh || i.guest_notes_en
	};
}

/** Plain text of the agenda for calendar descriptions; pure. */
export function agendaText(lines: AgendaLine[], heading: string): string {
	if (lines.length === 0) {
		return '';
	}
	return [
		heading,
		...lines.map(
			(l) =>
				`${l.start}–${l.end} ${l.title}${l.place ? ` · ${l.place}` : ''}${l.notes ? ` (${l.notes})` : ''}`
		)
	].join('\n');
}

/** Keeps the gathering's agenda text (read by the .ics renderers) in step with the items. */
async function refreshAgendaText(trx: Executor, gatheringId: number): Promise<void> {
	const g = await requireGatheringRow(trx, gatheringId);
	const items = await repo.listItems(trx, gatheringId);
	await repo.setAgendaText(trx, gatheringId, {
		zh: agendaText(
			items.map((i) => agendaLine(i, g.time_zone, 'zh-CN')),
			m.program_agenda_heading({}, { locale: 'zh-CN' })
		),
		en: agendaText(
			items.map((i) => agendaLine(i, g.time_zone, 'en')),
			m.program_agenda_heading({}, { locale: 'en' })
		)
	});
}
