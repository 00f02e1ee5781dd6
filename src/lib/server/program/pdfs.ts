import type { Executor } from '../db';
import { NotFoundError } from '../errors';
import { findInviteeByTokenHash } from '../materials/repository';
import { hashToken } from '../auth/tokens';
import { formatTimeRange } from '$lib/format';
import { LINK_LIFETIME_AFTER_END } from '../rsvp/links';
import { labelOfSegment } from '$lib/domain/program/banquet-labels';
import { m } from '$lib/paraglide/messages';
import { clock } from './agenda';
import { listItems } from './agenda-repository';
import { listAttendees } from './attendees';
import { loadBanquet } from './banquet';
import { loadSeating } from './seating';
import { loadTours } from './tours';
import { requireGatheringRow } from './placement';
import { renderAgendaPdf, renderRosterPdf, renderRunSheetPdf, renderSeatingChartPdf } from './pdf';

// Loads what each printout shows and hands it to its pure renderer.

const gathering = requireGatheringRow;

export async function agendaPdf(db: Executor, gatheringId: number): Promise<Buffer> {
	const g = await gathering(db, gatheringId);
	const items = await listItems(db, gatheringId);
	return renderAgendaPdf({
		title_zh: g.title_zh,
		title_en: g.title_en,
		when: formatTimeRange(g.starts_at, g.ends_at, g.time_zone, 'zh-CN'),
		venue: [g.venue_name, g.venue_address].filter(Boolean).join(' · '),
		items: items.map((i) => ({
			start: clock(i.starts_at, g.time_zone),
			end: clock(i.ends_at, g.time_zone),
			title_zh: i.title_zh,
			title_en: i.title_en,
			place: i.place,
			notes_zh: i.guest_notes_zh,
			notes_en: i.guest_notes_en
		}))
	});
}

/** Rosters for the guides: one group's, or every group of every tour item. */
export async function rosterPdf(
	db: Executor,
	gatheringId: number,
	groupId?: number
): Promise<Buffer> {
	const g = await gathering(db, gatheringId);
	const first = await loadTours(db, gatheringId);
	const groups = [];
	for (const item of first.items) {
		const tours = item.id === first.item ? first : await loadTours(db, gatheringId, item.id);
		groups.push(...tours.groups.filter((gr) => groupId === undefined || gr.id === groupId));
	}
	if (groups.length === 0) {
		throw new NotFoundError();
	}
	const lang = (l: string | null) => (l === 'en' ? 'EN' : l === 'zh' ? '中文' : '');
	return renderRosterPdf(
		`${g.title_zh} · ${m.program_tours_title({}, { locale: 'zh-CN' })} ${m.program_tours_title({}, { locale: 'en' })}`,
		groups.map((gr) => ({
			name: gr.name,
			guide: gr.guideName,
			language: lang(gr.language),
			start: gr.startClock,
			stops: gr.stops,
			people: gr.members.map((p) => ({ ...p, language: lang(p.language) }))
		}))
	);
}

export async function runSheetPdf(
	db: Executor,
	gatheringId: number,
	locale: 'zh-CN' | 'en'
): Promise<Buffer> {
	const g = await gathering(db, gatheringId);
	const b = await loadBanquet(db, gatheringId);
	const say = (p: { zh: string; en: string }) => (locale === 'en' ? p.en : p.zh);
	return renderRunSheetPdf(
		`${locale === 'en' ? g.title_en : g.title_zh} · ${m.program_banquet_run_sheet({}, { locale })}`,
		b.segments.map((s) => ({
			start: s.start,
			label: labelOfSegment(s.kind, locale),
			person: s.person,
			note: s.note,
			lines:
				s.kind === 'mc_introductions'
					? b.hosts.map((h) => ({ text: say(h) }))
					: s.kind === 'self_introductions'
						? b.guestsByTable.flatMap((tb) =>
								tb.people.map((p, i) => ({
									heading:
										i === 0 ? m.program_banquet_table({ name: tb.table }, { locale }) : undefined,
									text: say(p)
								}))
							)
						: []
		}))
	);
}

export async function seatingChartPdf(db: Executor, gatheringId: number): Promise<Buffer> {
	const g = await gathering(db, gatheringId);
	const [s, attendees] = await Promise.all([
		loadSeating(db, gatheringId),
		listAttendees(db, gatheringId)
	]);
	const sortKey = new Map(attendees.map((a) => [a.key, a.nameSort]));
	const people = s.tables
		.flatMap((tb) => tb.people.map((p) => ({ ...p, table: tb.name })))
		// Chinese names by pinyin, Latin names by their letters: one alphabet for the door.
		.sort(
			(a, b) =>
				(sortKey.get(a.key) ?? '').localeCompare(sortKey.get(b.key) ?? '') ||
				a.name.localeCompare(b.name)
		);
	return renderSeatingChartPdf({
		title: `${g.title_zh} · ${m.program_seating_title({}, { locale: 'zh-CN' })} ${m.program_seating_title({}, { locale: 'en' })}`,
		entrance: s.entrance,
		entranceLabel: `${m.program_seating_entrance({}, { locale: 'zh-CN' })} ${m.program_seating_entrance({}, { locale: 'en' })}`,
		tables: s.tables.map((tb) => ({
			name: tb.name,
			isHead: tb.isHead,
			row: tb.row,
			col: tb.col,
			count: tb.people.length,
			seats: tb.seats
		})),
		people
	});
}

/** The agenda PDF from a guest's RSVP link (the materials pack); accepted guests only. */
export async function agendaPdfForGuest(db: Executor, token: string): Promise<Buffer> {
	const invitee = await findInviteeByTokenHash(
		db,
		hashToken(token),
		new Date(Date.now() - LINK_LIFETIME_AFTER_END).toISOString()
	);
	if (!invitee || invitee.status !== 'accepted') {
		throw new NotFoundError();
	}
	return agendaPdf(db, invitee.gathering_id);
}

export function pdfResponse(pdf: Buffer, filename: string): Response {
	return new Response(new Uint8Array(pdf), {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Length': String(pdf.byteLength),
			'Content-Disposition': `inline; filename="${filename}"`,
			'Cache-Control': 'private, no-store'
		}
	});
}
