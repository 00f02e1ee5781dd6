import type { Executor } from '../db';
import { nameKeys } from '../text/pinyin';
import { byInvitee } from '../gatherings/companions';
import { listCompanions } from '../gatherings/companions-repository';
import * as repo from './attendees-repository';
import { companionKey, inviteeKey, type Attendee } from '$lib/domain/program/people';

/**
 * Everyone who will attend a gathering: accepted guests, our people on the list (unless marked
 * absent), and each guest's companions (`invitee_companion`). The programme reads attendees only
 * through this function.
 */
export async function listAttendees(db: Executor, gatheringId: number): Promise<Attendee[]> {
	const rows = await repo.listAttendeeRows(db, gatheringId);
	const companionsOf = byInvitee(await listCompanions(db, gatheringId));

	const out: Attendee[] = [];
	for (const r of rows) {
		const host = r.role !== 'guest';
		const base: Attendee = {
			key: inviteeKey(r.id),
			inviteeId: r.id,
			role: r.role,
			name: r.name,
			nameLatin: r.name_latin,
			nameSort: r.name_pinyin || sortKey(r.name, r.name_latin),
			title: r.title,
			titleEn: r.title_en,
			accountId: host ? null : r.account_id,
			company: host ? null : r.company,
			companyEn: host ? null : r.account_name_en,
			tier: host ? null : r.tier,
			accountSales: r.annual_sales_minor ?? 0,
			phone: r.contact_phone ?? r.staff_phone ?? null,
			dietary: r.dietary ?? r.contact_dietary ?? null,
			tourLanguage: r.tour_language,
			locale: r.locale === 'en' ? 'en' : 'zh-CN',
			seniority: host ? (r.is_general_manager ? -1 : (r.seniority ?? 100)) : 1000,
			isGeneralManager: Boolean(r.is_general_manager)
		};
		out.push(base);
		for (const companion of companionsOf.get(r.id) ?? []) {
			const name = companion.name || companion.name_latin || `${r.name} +${companion.position}`;
			out.push({
				...base,
				key: companionKey(r.id, companion.position - 1),
				role: 'companion',
				name,
				nameLatin: companion.name ? companion.name_latin : null,
				nameSort: sortKey(name, companion.name_latin),
				title: null,
				titleEn: null,
				phone: null,
				dietary: companion.dietary,
				isGeneralManager: false
			});
		}
	}
	return out;
}

/** Pinyin for Chinese names, the Latin name's words otherwise (the contacts' own sort rule). */
export function sortKey(name: string, latin: string | null): string {
	return nameKeys(/\p{Script=Han}/u.test(name) ? name : latin || name).name_pinyin || name;
}
