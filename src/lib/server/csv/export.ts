import type { Executor } from '../db';
import { listAccounts, tagsByAccount } from '../accounts/list-repository';
import { accountListFilter, sortsDescending, type AccountListQuery } from '../accounts/queries';
import { accountsForExport } from '../accounts/repository';
import { listContactsForExport, type ContactListFilter } from '../contacts/repository';
import { formatMonthDay } from '../contacts/schema';
import { accountColumns, contactColumns, headerLabels } from './columns';
import { companyToday } from '../today';
import { contactFilter, parseContactQuery } from '../contacts/queries';
import { parseListQuery } from '../accounts/queries';
import { csvDisposition, toCsv, type Cell } from './write';

type Locale = 'zh-CN' | 'en';

/** The contacts the list page's filters select, every column, in the importer's format. */
export async function exportContactsCsv(
	db: Executor,
	filter: ContactListFilter,
	locale: Locale
): Promise<string> {
	const rows = await listContactsForExport(db, filter);
	return toCsv(
		headerLabels(contactColumns, locale),
		rows.map((c): Cell[] => [
			c.account_name,
			c.name,
			c.name_latin,
			c.salutation,
			c.title,
			c.email,
			c.phone,
			c.locale,
			c.time_zone,
			c.working_days,
			c.work_start,
			c.work_end,
			formatMonthDay(c.birthday, c.birth_year),
			c.dates,
			c.dietary,
			c.hobbies,
			c.style_notes,
			c.greeting_opt_out ? (locale === 'en' ? 'yes' : '是') : '',
			c.notes
		])
	);
}

/** The accounts the list page's filters select (its sort too), in the importer's format. */
export async function exportAccountsCsv(
	db: Executor,
	query: AccountListQuery,
	today: string,
	locale: Locale
): Promise<string> {
	const listed = await listAccounts(db, accountListFilter(query, today), {
		sort: query.sort,
		desc: sortsDescending(query),
		limit: Number.MAX_SAFE_INTEGER,
		offset: 0
	});
	const full = await accountsForExport(db);
	const tags = await tagsByAccount(
		db,
		listed.map((a) => a.id)
	);
	const separator = locale === 'en' ? ', ' : '，';
	return toCsv(
		headerLabels(accountColumns, locale),
		listed.map((row): Cell[] => {
			const a = full.get(row.id)!;
			return [
				a.name,
				a.name_en,
				a.industry,
				a.region,
				a.channel,
				a.currency,
				a.annual_sales_minor / 100,
				a.annual_profit_minor / 100,
				a.owner_email,
				(tags.get(a.id) ?? []).join(separator),
				a.last_reviewed_on,
				a.notes,
				a.competitor_notes,
				row.tier
			];
		})
	);
}

/** A CSV download: its text and the Content-Disposition that names it by kind and date. */
export interface CsvFile {
	csv: string;
	disposition: string;
}

/** The accounts download of the list page's query string. */
export async function accountsCsvFile(
	db: Executor,
	params: URLSearchParams,
	locale: Locale
): Promise<CsvFile> {
	const today = await companyToday(db);
	const csv = await exportAccountsCsv(db, parseListQuery(params), today, locale);
	return { csv, disposition: csvDisposition('accounts', today) };
}

/** The contacts download of the list page's query string. */
export async function contactsCsvFile(
	db: Executor,
	params: URLSearchParams,
	locale: Locale
): Promise<CsvFile> {
	const today = await companyToday(db);
	const csv = await exportContactsCsv(db, contactFilter(parseContactQuery(params)), locale);
	return { csv, disposition: csvDisposition('contacts', today) };
}
