import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import type { Executor } from '../db';
import { config } from '../config';
import { NotFoundError, DomainError } from '../errors';
import { recordActivity } from '../activity/repository';
import { getSettings, PLACEHOLDER_NAMES } from '../settings/service';
import { nowIso } from '../time';
import { checkinUrl } from '../checkin/code';
import { BADGE_LAYOUTS } from './layouts';
import { parsePalette } from './palette';
import * as repo from './repository';
import { byInvitee } from '../gatherings/companions';
import { listCompanions } from '../gatherings/companions-repository';
import { companionPlaceKey, companionPlaces, NO_PLACE } from '../program/place-sql';
import { BADGE_SORTS, sortPeople } from './sort';
import {
	BADGE_ROLES,
	type Badge,
	type BadgeEventText,
	type BadgePalette,
	type BadgeRole
} from './types';

const KEY = /^\d{1,12}(:c\d{1,3})?$/;

function list(value: unknown): string[] {
	const raw = Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '';
	return raw
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
}

const stringList = z.union([z.string(), z.array(z.string())], 'error_choice').optional();

/** A print run as the badges page and the PDF link describe it (query string or form). */
export const badgeSelectionSchema = z.object({
	who: z.enum(['all', 'changed', 'selected'], 'error_choice').default('all'),
	keys: stringList
		.transform(list)
		.refine((keys) => keys.length <= 5000 && keys.every((k) => KEY.test(k)), 'error_choice'),
	roles: stringList
		.transform(list)
		.refine((roles) => roles.every((r) => (BADGE_ROLES as string[]).includes(r)), 'error_choice')
		.transform((roles) => (roles.length ? roles : [...BADGE_ROLES]) as BadgeRole[]),
	layout: z.enum(BADGE_LAYOUTS, 'error_choice').default('a6'),
	sort: z.enum(BADGE_SORTS, 'error_choice').default('account')
});
export type BadgeSelection = z.output<typeof badgeSelectionSchema>;

export function selectionFromSearch(params: URLSearchParams) {
	return badgeSelectionSchema.safeParse({
		who: params.get('who') ?? undefined,
		keys: params.get('keys') ?? '',
		roles: params.get('roles') ?? '',
		layout: params.get('layout') ?? undefined,
		sort: params.get('sort') ?? undefined
	});
}

/** One row of the badges page; companions carry their host's printed state. */
export interface BadgeCandidate extends Badge {
	hostName: string | null;
	printedAt: string | null;
	changed: boolean;
}

const spelling = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

/** The Latin name when it adds something: one equal to the name is printed once. */
export function otherSpelling(latin: string | null, name: string): string | null {
	if (!latin?.trim()) {
		return null;
	}
	return spelling(latin) === spelling(name) ? null : latin;
}

async function candidates(db: Executor, gatheringId: number): Promise<BadgeCandidate[][]> {
	const [rows, settings] = await Promise.all([
		repo.listBadgePeople(db, gatheringId),
		getSettings(db)
	]);
	const inviteeIds = rows.map((r) => r.id);
	const companionsOf = byInvitee(await listCompanions(db, gatheringId, inviteeIds));
	// A companion's badge shows their own table and tour group, not their host's.
	const placeOf = await companionPlaces(db, gatheringId, inviteeIds);
	const base = config.publicBaseUrl;
	// Placeholder names ('本公司', 'Our Company', kept by databases set up before the company was
	// asked for) are not printed: a guest reading "our company" on a host's badge learns nothing.
	const real = (name: string) => (name && !PLACEHOLDER_NAMES.has(name) ? name : null);
	const hostCompany = real(settings.company_name);
	const hostCompanyEn = real(settings.company_name_en);
	const people = rows.map((row) => {
		const host = row.role !== 'guest';
		const name = row.contact_name ?? row.staff_name ?? row.walk_in_name ?? '';
		const company = row.account_name ?? row.walk_in_company ?? (host ? hostCompany : null);
		const companyLatin =
			row.account_name_en ?? (host && !row.walk_in_company ? hostCompanyEn : null);
		const person: BadgeCandidate = {
			key: String(row.id),
			inviteeId: row.id,
			// The general manager's badge differs from every other executive's (DOMAIN.md).
			role:
				row.role === 'executive' && Number(row.is_general_manager) ? 'general_manager' : row.role,
			name,
			nameLatin: otherSpelling(
				row.contact_name_latin ?? row.staff_name_latin ?? row.walk_in_name_latin,
				name
			),
			company,
			companyLatin: companyLatin && companyLatin !== company ? companyLatin : null,
			title:
				row.contact_title ??
				(row.staff_title
					? [row.staff_title, row.staff_title_en].filter(Boolean).join(' · ')
					: row.walk_in_title),
			tableNumber: row.table_number,
			tourGroup: row.tour_group,
			qrText: checkinUrl(base, gatheringId, row.checkin_code),
			hostName: null,
			printedAt: row.badge_printed_at,
			changed: !row.badge_printed_at || row.changed_at > row.badge_printed_at
		};
		// Every companion gets a badge; one whose name is not known yet gets a badge that names
		// their host, so nobody walks in without one.
		const companionOf = (locale: 'zh-CN' | 'en') =>
			m.badges_companion_of(
				{ name: locale === 'en' ? (person.nameLatin ?? name) : name },
				{ locale }
			);
		const slots = (companionsOf.get(row.id) ?? []).map((c) =>
			c.name || c.name_latin
				? {
						name: c.name || (c.name_latin ?? ''),
						nameLatin: c.name ? otherSpelling(c.name_latin, c.name) : null,
						position: c.position
					}
				: { name: companionOf('zh-CN'), nameLatin: companionOf('en'), position: c.position }
		);
		const companions = slots.map((companion): BadgeCandidate => {
			const place = placeOf.get(companionPlaceKey(row.id, companion.position)) ?? NO_PLACE;
			return {
				...person,
				key: `${row.id}:c${companion.position}`,
				role: 'companion',
				name: companion.name,
				nameLatin: companion.nameLatin,
				title: null,
				tableNumber: place.table_number,
				tourGroup: place.tour_group,
				qrText: checkinUrl(base, gatheringId, row.checkin_code, companion.position),
				hostName: name
			};
		});
		return [person, ...companions];
	});
	return people;
}

/** Everyone who gets a badge, in the chosen order, each companion right after their host. */
export async function listBadgeCandidates(
	db: Executor,
	gatheringId: number,
	sort: BadgeSelection['sort'] = 'account'
): Promise<BadgeCandidate[]> {
	const groups = await candidates(db, gatheringId);
	return sortPeople(
		groups.map((g) => ({ name: g[0].name, company: g[0].company, group: g })),
		sort
	).flatMap((g) => g.group);
}

export function pickBadges(all: readonly BadgeCandidate[], selection: BadgeSelection) {
	if (selection.who === 'selected') {
		const keys = new Set(selection.keys);
		return all.filter((b) => keys.has(b.key));
	}
	const roles = new Set<BadgeRole>(selection.roles);
	return all.filter((b) => roles.has(b.role) && (selection.who === 'all' || b.changed));
}

function formatEventDate(startsAt: string, timeZone: string): string {
	const date = new Date(startsAt);
	const zh = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'long', timeZone }).format(date);
	const en = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone }).format(date);
	return `${zh} · ${en}`;
}

/** Badge text is bilingual whatever the reader's language. */
export function badgeLabels(): Pick<BadgeEventText, 'roleLabels' | 'tableLabel' | 'tourLabel'> {
	const both = (fn: (p: object, o: { locale: 'zh-CN' | 'en' }) => string) => ({
		zh: fn({}, { locale: 'zh-CN' }),
		en: fn({}, { locale: 'en' })
	});
	const roleLabels = {
		guest: both(m.badges_role_guest),
		executive: both(m.badges_role_executive),
		general_manager: both(m.guests_badge_role_general_manager),
		staff: both(m.badges_role_staff),
		companion: both(m.badges_role_companion)
	};
	const table = both(m.badges_table_label);
	const tour = both(m.badges_tour_label);
	return {
		roleLabels,
		tableLabel: `${table.zh} ${table.en}`,
		tourLabel: `${tour.zh} ${tour.en}`
	};
}

export interface BadgeRun {
	badges: BadgeCandidate[];
	event: BadgeEventText;
	palette: BadgePalette;
	/** Invitees whose own badge is in the run (companion badges do not mark their host). */
	inviteeIds: number[];
}

export async function prepareBadgeRun(
	db: Executor,
	gatheringId: number,
	selection: BadgeSelection
): Promise<BadgeRun> {
	const gathering = await repo.findGatheringForBadges(db, gatheringId);
	if (!gathering) {
		throw new NotFoundError();
	}
	const badges = pickBadges(await listBadgeCandidates(db, gatheringId, selection.sort), selection);
	if (badges.length === 0) {
		throw new DomainError('badges_error_none_selected');
	}
	return {
		badges,
		palette: parsePalette(gathering.badge_palette),
		event: {
			title: gathering.title_zh,
			titleLatin: gathering.title_en,
			date: formatEventDate(gathering.starts_at, gathering.time_zone),
			...badgeLabels()
		},
		inviteeIds: badges.filter((b) => b.role !== 'companion').map((b) => b.inviteeId)
	};
}

export const markPrintedSchema = badgeSelectionSchema.extend({
	as_of: z.iso.datetime('error_date')
});

/**
 * Records a finished print run. `asOf` is when the PDF was made: someone who changed after it
 * keeps showing as changed, because their updated_at stays later than the mark.
 */
export async function markBadgesPrinted(
	db: Executor,
	gatheringId: number,
	selection: BadgeSelection,
	asOf: string,
	userId: number | null
): Promise<number> {
	const at = asOf > nowIso() ? nowIso() : asOf;
	const all = await listBadgeCandidates(db, gatheringId);
	const ids = [
		...new Set(
			pickBadges(all, selection)
				.filter((b) => b.role !== 'companion')
				.map((b) => b.inviteeId)
		)
	];
	if (ids.length === 0) {
		return 0;
	}
	return db.transaction().execute(async (trx) => {
		const count = await repo.setBadgesPrinted(trx, gatheringId, ids, at);
		await recordActivity(trx, {
			user_id: userId,
			action: 'badges.printed',
			subject_type: 'gathering',
			subject_id: gatheringId,
			gathering_id: gatheringId,
			details: { count, layout: selection.layout, who: selection.who, as_of: at }
		});
		return count;
	});
}
