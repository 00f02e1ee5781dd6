import PDFDocument from 'pdfkit';
import { loadBadgeFonts } from '../badges/fonts';
import { Typesetter, type Weight } from '../badges/typeset';

// The programme's printouts (agenda, tour rosters, MC run sheet, seating chart): pure renderers
// from plain data to PDF bytes, with the badges' fonts (Noto Sans SC, falling back per
// character to Debian's CJK collection). Every string is fitted to its column, so nothing is
// drawn outside the page.

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 40;

export interface Column {
	/** Left edge, from the left margin. */
	x: number;
	width: number;
}

/** A document written top to bottom, a new page whenever the next line would not fit. */
class Sheet {
	readonly doc: PDFKit.PDFDocument;
	readonly type: Typesetter;
	y = MARGIN;
	readonly width = A4[0] - 2 * MARGIN;
	private readonly chunks: Buffer[] = [];
	private readonly done: Promise<Buffer>;

	constructor(
		title: string,
		private readonly header: string
	) {
		this.doc = new PDFDocument({
			size: A4,
			margin: 0,
			autoFirstPage: false,
			info: { Title: title, Creator: 'Gala' }
		});
		this.done = new Promise((resolve) => {
			this.doc.on('data', (c: Buffer) => this.chunks.push(c));
			this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
		});
		this.type = new Typesetter(this.doc, loadBadgeFonts());
		this.page();
	}

	page(): void {
		this.doc.addPage({ size: A4, margin: 0 });
		this.y = MARGIN;
		this.text(this.header, 'regular', 8, { x: 0, width: this.width }, '#78716c');
		this.y += 14;
	}

	/** Room for `height` more points, or a new page. */
	need(height: number): void {
		if (this.y + height > A4[1] - MARGIN) {
			this.page();
		}
	}

	text(text: string, weight: Weight, size: number, col: Column, colour = '#1c1917'): void {
		if (!text) {
			return;
		}
		const fitted = this.type.fit(text, weight, size, Math.min(size, 7), col.width);
		this.type.draw(fitted.text, weight, fitted.size, MARGIN + col.x, this.y + size, colour);
	}

	heading(text: string, size = 16): void {
		this.need(size + 10);
		this.text(text, 'bold', size, { x: 0, width: this.width });
		this.y += size + 8;
	}

	/** One row of cells at `size`; each cell fitted to its column. */
	row(cells: [string, Column][], size = 10, weight: Weight = 'regular', colour?: string): void {
		this.need(size + 6);
		for (const [text, col] of cells) {
			this.text(text, weight, size, col, colour);
		}
		this.y += size + 6;
	}

	rule(): void {
		this.doc
			.moveTo(MARGIN, this.y)
			.lineTo(MARGIN + this.width, this.y)
			.lineWidth(0.5)
			.strokeColor('#d6d3d1')
			.stroke();
		this.y += 4;
	}

	finish(): Promise<Buffer> {
		this.doc.end();
		return this.done;
	}
}

export interface AgendaPdfItem {
	start: string;
	end: string;
	title_zh: string;
	title_en: string;
	place: string;
	notes_zh: string;
	notes_en: string;
}

/** The bilingual agenda guests receive (Chinese line, English line under it). */
export function renderAgendaPdf(data: {
	title_zh: string;
	title_en: string;
	when: string;
	venue: string;
	items: AgendaPdfItem[];
}): Promise<Buffer> {
	const s = new Sheet(data.title_zh, `${data.title_zh} · ${data.title_en}`);
	s.heading(data.title_zh, 18);
	s.heading(data.title_en, 14);
	s.row([[`${data.when} · ${data.venue}`, { x: 0, width: s.width }]], 10, 'regular', '#57534e');
	s.y += 6;
	s.heading('日程 Programme', 13);
	const time = { x: 0, width: 80 };
	const body = { x: 90, width: s.width - 90 };
	for (const item of data.items) {
		s.need(48);
		s.rule();
		s.row(
			[
				[`${item.start}–${item.end}`, time],
				[item.title_zh, body]
			],
			11,
			'bold'
		);
		s.row([[item.title_en, body]], 10);
		if (item.place) {
			s.row([[item.place, body]], 9, 'regular', '#57534e');
		}
		if (item.notes_zh || item.notes_en) {
			s.row(
				[[[item.notes_zh, item.notes_en].filter(Boolean).join(' / '), body]],
				9,
				'regular',
				'#57534e'
			);
		}
	}
	return s.finish();
}

export interface RosterPdfGroup {
	name: string;
	guide: string;
	language: string;
	start: string;
	stops: { from: string; to: string; place: string; safety: string }[];
	people: {
		name: string;
		nameLatin: string | null;
		company: string | null;
		phone: string | null;
		language: string | null;
		dietary: string | null;
	}[];
}

/** One page (or more) per tour group, for its guide. */
export function renderRosterPdf(title: string, groups: RosterPdfGroup[]): Promise<Buffer> {
	const s = new Sheet(title, title);
	const cols = {
		n: { x: 0, width: 20 },
		name: { x: 22, width: 120 },
		company: { x: 146, width: 130 },
		phone: { x: 280, width: 90 },
		lang: { x: 374, width: 40 },
		diet: { x: 418, width: s.width - 418 }
	};
	groups.forEach((g, gi) => {
		if (gi > 0) {
			s.page();
		}
		s.heading(`${g.name}`, 16);
		s.row(
			[[`导览 Guide: ${g.guide || '—'} · ${g.language} · ${g.start}`, { x: 0, width: s.width }]],
			10
		);
		for (const stop of g.stops) {
			s.row(
				[
					[
						`${stop.from}–${stop.to} ${stop.place}${stop.safety ? ` · 安全 Safety: ${stop.safety}` : ''}`,
						{ x: 0, width: s.width }
					]
				],
				9,
				'regular',
				'#57534e'
			);
		}
		s.y += 6;
		s.row(
			[
				['#', cols.n],
				['姓名 Name', cols.name],
				['公司 Company', cols.company],
				['电话 Phone', cols.phone],
				['语言', cols.lang],
				['饮食 Dietary', cols.diet]
			],
			9,
			'bold'
		);
		s.rule();
		g.people.forEach((p, i) => {
			s.row([
				[String(i + 1), cols.n],
				[p.nameLatin ? `${p.name} ${p.nameLatin}` : p.name, cols.name],
				[p.company ?? '', cols.company],
				[p.phone ?? '', cols.phone],
				[p.language ?? '', cols.lang],
				[p.dietary ?? '', cols.diet]
			]);
		});
	});
	return s.finish();
}

export interface RunSheetSegment {
	start: string;
	label: string;
	person: string;
	note: string;
	lines: { heading?: string; text: string }[];
}

/** The MC's run sheet: time, segment, who, and what to say. */
export function renderRunSheetPdf(title: string, segments: RunSheetSegment[]): Promise<Buffer> {
	const s = new Sheet(title, title);
	s.heading(title, 16);
	const time = { x: 0, width: 44 };
	const what = { x: 48, width: 250 };
	const who = { x: 302, width: s.width - 302 };
	const say = { x: 60, width: s.width - 60 };
	for (const seg of segments) {
		s.need(30);
		s.rule();
		s.row(
			[
				[seg.start, time],
				[seg.label, what],
				[seg.person, who]
			],
			11,
			'bold'
		);
		if (seg.note) {
			s.row([[seg.note, say]], 10);
		}
		for (const l of seg.lines) {
			if (l.heading) {
				s.row([[l.heading, say]], 9, 'bold', '#57534e');
			}
			s.row([[l.text, say]], 10);
		}
	}
	return s.finish();
}

export interface ChartTable {
	name: string;
	isHead: boolean;
	row: number;
	col: number;
	count: number;
	seats: number;
}

/** The seating chart for the door: the room plan, then everyone in alphabetical order. */
export function renderSeatingChartPdf(data: {
	title: string;
	entrance: 'top' | 'bottom' | 'left' | 'right';
	entranceLabel: string;
	tables: ChartTable[];
	people: {
		name: string;
		nameLatin: string | null;
		company: string | null;
		table: string;
		seat: number;
	}[];
}): Promise<Buffer> {
	const s = new Sheet(data.title, data.title);
	s.heading(data.title, 16);
	const rows = Math.max(0, ...data.tables.map((t) => t.row)) + 1;
	const cols = Math.max(0, ...data.tables.map((t) => t.col)) + 1;
	const top = s.y + 24;
	const height = A4[1] - MARGIN - 24 - top;
	const cell = Math.min(s.width / cols, height / rows);
	const radius = Math.max(8, cell * 0.38);
	const doc = s.doc;
	// The entrance, on its side of the plan.
	const planW = cell * cols;
	const planH = cell * rows;
	const ex = {
		top: [planW / 2, -16],
		bottom: [planW / 2, planH + 4],
		left: [-4, planH / 2],
		right: [planW + 4, planH / 2]
	}[data.entrance];
	const saveY = s.y;
	s.y = top + ex[1];
	s.text(`[ ${data.entranceLabel} ]`, 'bold', 10, {
		x: Math.max(0, Math.min(s.width - 80, ex[0] - 30)),
		width: 80
	});
	for (const t of data.tables) {
		const cx = MARGIN + (t.col + 0.5) * cell;
		const cy = top + (t.row + 0.5) * cell;
		doc
			.circle(cx, cy, radius)
			.lineWidth(t.isHead ? 2 : 0.8)
			.strokeColor(t.isHead ? '#9a3412' : '#57534e')
			.stroke();
		s.y = cy - radius * 0.45;
		s.text(t.name, 'bold', Math.min(14, radius * 0.7), {
			x: cx - MARGIN - radius * 0.8,
			width: radius * 1.6
		});
		s.y = cy + radius * 0.05;
		s.text(
			`${t.count}/${t.seats}`,
			'regular',
			Math.min(9, radius * 0.45),
			{ x: cx - MARGIN - radius * 0.8, width: radius * 1.6 },
			'#57534e'
		);
	}
	s.y = saveY;
	s.page();
	s.heading('按姓名查座 Find your table', 14);
	const name = { x: 0, width: 200 };
	const company = { x: 204, width: 190 };
	const table = { x: 398, width: s.width - 398 };
	for (const p of data.people) {
		s.row([
			[p.nameLatin ? `${p.name}  ${p.nameLatin}` : p.name, name],
			[p.company ?? '', company],
			[`${p.table} · ${p.seat}`, table]
		]);
	}
	return s.finish();
}
