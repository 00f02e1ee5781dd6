/**
 * The agenda's pure rules: the kinds of item, DOMAIN.md's standard programme laid across a
 * gathering's hours, the checks that warn (never block) and shifting later items. Times are
 * epoch milliseconds here; the server stores them as UTC ISO text.
 */

export const ITEM_KINDS = [
	'welcome',
	'tour',
	'presentation',
	'discussion',
	'banquet',
	'entertainment',
	'break',
	'transfer',
	'other'
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const MINUTE_MS = 60_000;

export interface PlannedItem {
	kind: ItemKind;
	start: number;
	end: number;
	title_zh: string;
	title_en: string;
	guest_notes_zh: string;
	guest_notes_en: string;
}

/** DOMAIN.md's five parts, in order, with their share of the hours (welcome is short and fixed). */
const STANDARD: {
	kind: ItemKind;
	weight: number;
	title_zh: string;
	title_en: string;
	notes_zh?: string;
	notes_en?: string;
}[] = [
	{
		kind: 'welcome',
		weight: 0,
		title_zh: '销售经理致欢迎词',
		title_en: 'Welcome by the sales manager'
	},
	{
		kind: 'tour',
		weight: 22,
		title_zh: '分组参观成品仓库和主要生产车间',
		title_en: 'Tour of the finished-goods warehouse and main workshops, in groups'
	},
	{
		kind: 'presentation',
		weight: 20,
		title_zh: '新产品介绍与演示',
		title_en: 'New-product presentation and demonstration',
		notes_zh: '含自由交流时间',
		notes_en: 'Including time for open discussion'
	},
	{ kind: 'banquet', weight: 38, title_zh: '晚宴招待', title_en: 'Banquet' },
	{ kind: 'entertainment', weight: 20, title_zh: '娱乐', title_en: 'Entertainment' }
];

/** Minutes always kept for the new-product presentation and discussion, when the hours allow. */
export const PRESENTATION_MIN_MINUTES = 30;

function roundTo5(minutes: number): number {
	return Math.max(5, Math.round(minutes / 5) * 5);
}

/**
 * Lays the standard programme across [start, end): a short welcome, then the other four parts
 * by weight in 5-minute steps; the presentation keeps at least 30 minutes (or its share of a
 * very short gathering), and the last part ends exactly at the gathering's end.
 */
export function standardProgramme(start: number, end: number): PlannedItem[] {
	const total = Math.max(0, Math.round((end - start) / MINUTE_MS));
	const welcome = Math.min(15, Math.max(5, Math.floor(total / 16 / 5) * 5));
	const rest = total - welcome;
	const weights = STANDARD.reduce((s, p) => s + p.weight, 0);
	const minutes = STANDARD.map((p) =>
		p.kind === 'welcome' ? welcome : roundTo5((rest * p.weight) / weights)
	);
	const presentation = STANDARD.findIndex((p) => p.kind === 'presentation');
	const keep = Math.min(PRESENTATION_MIN_MINUTES, Math.floor(rest / 4));
	if (minutes[presentation] < keep) {
		minutes[presentation] = keep;
	}
	let at = start;
	return STANDARD.map((p, i) => {
		const last = i === STANDARD.length - 1;
		const itemEnd = last ? Math.max(at, end) : Math.min(end, at + minutes[i] * MINUTE_MS);
		const item: PlannedItem = {
			kind: p.kind,
			start: at,
			end: itemEnd,
			title_zh: p.title_zh,
			title_en: p.title_en,
			guest_notes_zh: p.notes_zh ?? '',
			guest_notes_en: p.notes_en ?? ''
		};
		at = itemEnd;
		return item;
	});
}

export interface CheckedItem {
	id: number;
	start: number;
	end: number;
	parallel: boolean;
	speakers: { inviteeId: number; name: string; status: string }[];
}

export type AgendaWarning =
	| { kind: 'outside_hours'; itemId: number }
	| { kind: 'overlap'; itemId: number; otherId: number }
	| { kind: 'speaker_clash'; itemId: number; otherId: number; name: string }
	| { kind: 'speaker_declined'; itemId: number; name: string };

const overlaps = (a: CheckedItem, b: CheckedItem) => a.start < b.end && b.start < a.end;

/** Every warning for the agenda; pairs are reported once, on the earlier item. */
export function agendaWarnings(
	items: CheckedItem[],
	hours: { start: number; end: number }
): AgendaWarning[] {
	const sorted = [...items].sort((a, b) => a.start - b.start || a.id - b.id);
	const out: AgendaWarning[] = [];
	for (const [i, a] of sorted.entries()) {
		if (a.start < hours.start || a.end > hours.end) {
			out.push({ kind: 'outside_hours', itemId: a.id });
		}
		for (const s of a.speakers) {
			if (s.status === 'declined') {
				out.push({ kind: 'speaker_declined', itemId: a.id, name: s.name });
			}
		}
		for (const b of sorted.slice(i + 1)) {
			if (b.start >= a.end) {
				break;
			}
			if (!overlaps(a, b)) {
				continue;
			}
			if (!a.parallel && !b.parallel) {
				out.push({ kind: 'overlap', itemId: a.id, otherId: b.id });
			}
			for (const s of a.speakers) {
				if (b.speakers.some((t) => t.inviteeId === s.inviteeId)) {
					out.push({ kind: 'speaker_clash', itemId: a.id, otherId: b.id, name: s.name });
				}
			}
		}
	}
	return out;
}

/**
 * When an item's end moves from `oldEnd` by `deltaMs`, the items that started at or after the
 * old end (other than the item itself) move by the same amount. Returns their new times.
 */
export function shiftLater<T extends { id: number; start: number; end: number }>(
	items: T[],
	changedId: number,
	oldEnd: number,
	deltaMs: number
): { id: number; start: number; end: number }[] {
	if (deltaMs === 0) {
		return [];
	}
	return items
		.filter((i) => i.id !== changedId && i.start >= oldEnd)
		.map((i) => ({ id: i.id, start: i.start + deltaMs, end: i.end + deltaMs }));
}
