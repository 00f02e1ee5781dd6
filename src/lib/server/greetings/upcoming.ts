import type { Executor } from '../db';
import type { Festival, PersonalKind } from '$lib/domain/greetings';
import { monthBefore } from '../accounts/review';
import {
	addDays,
	daysBetween,
	festivalsBetween,
	lunarBirthdaysBetween,
	yearlyDatesBetween
} from './occasions';
import * as repo from './repository';

export const UPCOMING_DAYS = 60;

export interface Person {
	contactId: number | null;
	accountId: number;
	name: string;
	nameLatin: string | null;
	company: string;
	tier: string;
	ownerName: string | null;
}

export type UpcomingEntry =
	| { type: 'festival'; date: string; inDays: number; festival: Festival }
	| { type: 'custom'; date: string; inDays: number; id: number; nameZh: string; nameEn: string }
	| {
			type: 'personal';
			date: string;
			inDays: number;
			kind: PersonalKind;
			/** The contact date's label (e.g. 结婚纪念日) for kind contact_date. */
			label: string | null;
			/** Which birthday or anniversary this is, when the year is known. */
			years: number | null;
			person: Person;
	  };

const TYPE_ORDER = { festival: 0, custom: 1, personal: 2 };

/**
 * The occasions of the next `days` days from `today` (inclusive), in date order: festivals,
 * custom occasions, and people's birthdays (solar and lunar), important dates and accounts'
 * anniversaries.
 */
export async function upcomingOccasions(
	db: Executor,
	today: string,
	days = UPCOMING_DAYS
): Promise<UpcomingEntry[]> {
	const to = addDays(today, days);
	const out: UpcomingEntry[] = [];
	const at = (date: string) => ({ date, inDays: daysBetween(today, date) });
	for (const f of festivalsBetween(today, to)) {
		out.push({ type: 'festival', ...at(f.date), festival: f.festival });
	}
	for (const c of await repo.listCustomOccasions(db)) {
		for (const date of yearlyDatesBetween(c.month_day, today, to)) {
			out.push({ type: 'custom', ...at(date), id: c.id, nameZh: c.name_zh, nameEn: c.name_en });
		}
	}
	const age = (date: string, year: number | null) =>
		year ? Number(date.slice(0, 4)) - year : null;
	for (const c of await repo.listContactsWithBirthdays(db)) {
		const person = personOf(c);
		if (c.birthday) {
			for (const date of yearlyDatesBetween(c.birthday, today, to)) {
				out.push({
					type: 'personal',
					...at(date),
					kind: 'birthday',
					label: null,
					years: age(date, c.birth_year),
					person
				});
			}
		}
		if (c.lunar_birthday) {
			for (const date of lunarBirthdaysBetween(c.lunar_birthday, today, to)) {
				out.push({
					type: 'personal',
					...at(date),
					kind: 'lunar_birthday',
					label: null,
					years: null,
					person
				});
			}
		}
	}
	for (const d of await repo.listContactDates(db)) {
		for (const date of yearlyDatesBetween(d.month_day, today, to)) {
			out.push({
				type: 'personal',
				...at(date),
				kind: 'contact_date',
				label: d.label,
				years: age(date, d.year),
				person: personOf(d)
			});
		}
	}
	for (const a of await repo.listAccountAnniversaries(db)) {
		for (const date of yearlyDatesBetween(a.anniversary!, today, to)) {
			out.push({
				type: 'personal',
				...at(date),
				kind: 'account_anniversary',
				label: null,
				years: age(date, a.anniversary_year),
				person: {
					contactId: null,
					accountId: a.id,
					name: a.name,
					nameLatin: null,
					company: a.name,
					tier: a.tier,
					ownerName: a.owner_name
				}
			});
		}
	}
	return out.sort(
		(a, b) =>
			a.date.localeCompare(b.date) ||
			TYPE_ORDER[a.type] - TYPE_ORDER[b.type] ||
			(a.type === 'personal' && b.type === 'personal'
				? a.person.name.localeCompare(b.person.name, 'zh-CN')
				: 0)
	);
}

function personOf(row: {
	id: number;
	account_id: number;
	name: string;
	name_latin: string | null;
	company: string;
	tier: string;
	owner_name: string | null;
}): Person {
	return {
		contactId: row.id,
		accountId: row.account_id,
		name: row.name,
		nameLatin: row.name_latin,
		company: row.company,
		tier: row.tier,
		ownerName: row.owner_name
	};
}

/** Accounts whose monthly client-file review is overdue (DOMAIN.md: reviewed every month). */
export async function reviewOverdue(db: Executor, today: string, limit = 20) {
	const before = monthBefore(today);
	const [accounts, total] = await Promise.all([
		repo.listReviewOverdue(db, before, limit),
		repo.countReviewOverdue(db, before)
	]);
	return { accounts, total };
}
