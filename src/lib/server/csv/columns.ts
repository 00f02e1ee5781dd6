import type { LabelFn } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import type { ColumnSpec } from './decode';

/**
 * The columns of the CSV files, in export order. `zh` and `en` are the headers an export writes
 * in each language; the importer accepts those, the key, and the other aliases (case, spaces
 * and underscores do not matter). Only the required ones must be present.
 */
interface Column<K extends string> extends ColumnSpec<K> {
	zh: string;
	en: string;
}

function column<K extends string>(
	key: K,
	zh: string,
	en: string,
	aliases: string[] = [],
	required = false
): Column<K> {
	return { key, zh, en, aliases: [zh, en, ...aliases], required };
}

export const contactColumns = [
	column('company', '公司', 'Company', ['公司名称', '客户', '客户名称', '单位', 'account'], true),
	column('name', '姓名', 'Name', ['名字', '联系人', 'full name'], true),
	column('name_latin', '英文名', 'Latin name', [
		'拼音名',
		'英文姓名',
		'english name',
		'name latin'
	]),
	column('salutation', '称呼', 'Salutation', ['尊称']),
	column('title', '职务', 'Title', ['职位', '头衔', 'job title', 'position']),
	column('email', '邮箱', 'Email', ['电子邮件', '电子邮箱', 'e-mail', 'mail']),
	column('phone', '电话', 'Phone', ['手机', '手机号', '联系电话', 'mobile']),
	column('locale', '语言', 'Language', ['locale']),
	column('time_zone', '时区', 'Time zone', ['timezone']),
	column('working_days', '工作日', 'Working days'),
	column('work_start', '上班时间', 'Work starts', ['work start']),
	column('work_end', '下班时间', 'Work ends', ['work end']),
	column('birthday', '生日', 'Birthday'),
	column('dates', '重要日期', 'Important dates', ['纪念日', 'dates']),
	column('dietary', '饮食', 'Dietary', ['饮食偏好', '忌口', 'diet']),
	column('hobbies', '爱好', 'Hobbies', ['兴趣爱好', '兴趣']),
	column('style_notes', '风格', 'Style notes', ['沟通风格', '风格备注', 'style']),
	column('greeting_opt_out', '不发节日问候', 'No greetings', ['不发问候', 'greeting opt-out']),
	column('notes', '备注', 'Notes', ['说明'])
] as const;

export type ContactColumn = (typeof contactColumns)[number]['key'];

export const accountColumns = [
	column('name', '公司', 'Company', ['公司名称', '客户', '客户名称', 'name', 'account'], true),
	column('name_en', '英文名称', 'English name', ['英文名', 'name en']),
	column('industry', '行业', 'Industry'),
	column('region', '地区', 'Region', ['区域', '城市']),
	column('channel', '渠道', 'Channel', ['渠道层级', '渠道类型', 'channel tier'], true),
	column('currency', '币种', 'Currency', ['货币']),
	column('annual_sales', '年销售额', 'Annual sales', ['销售额', 'sales']),
	column('annual_profit', '年利润', 'Annual profit', ['利润', 'profit']),
	column('owner', '负责人', 'Owner', ['客户经理', 'account manager']),
	column('tags', '标签', 'Tags'),
	column('last_reviewed_on', '上次回顾', 'Last reviewed', ['上次回访', '回顾日期']),
	column('notes', '备注', 'Notes', ['说明']),
	column('competitor_notes', '竞品备注', 'Competitor notes', ['竞品', 'competitors']),
	column('tier', '级别', 'Tier', ['客户级别'])
] as const;

export type AccountColumn = (typeof accountColumns)[number]['key'];

/** Each column's hint for the upload page; typed by the column keys, so a new column needs one. */
export const contactColumnHint: Record<ContactColumn, LabelFn> = {
	company: m.csv_col_contacts_company,
	name: m.csv_col_contacts_name,
	name_latin: m.csv_col_contacts_name_latin,
	salutation: m.csv_col_contacts_salutation,
	title: m.csv_col_contacts_title,
	email: m.csv_col_contacts_email,
	phone: m.csv_col_contacts_phone,
	locale: m.csv_col_contacts_locale,
	time_zone: m.csv_col_contacts_time_zone,
	working_days: m.csv_col_contacts_working_days,
	work_start: m.csv_col_contacts_work_start,
	work_end: m.csv_col_contacts_work_end,
	birthday: m.csv_col_contacts_birthday,
	dates: m.csv_col_contacts_dates,
	dietary: m.csv_col_contacts_dietary,
	hobbies: m.csv_col_contacts_hobbies,
	style_notes: m.csv_col_contacts_style_notes,
	greeting_opt_out: m.csv_col_contacts_greeting_opt_out,
	notes: m.csv_col_contacts_notes
};

export const accountColumnHint: Record<AccountColumn, LabelFn> = {
	name: m.csv_col_accounts_name,
	name_en: m.csv_col_accounts_name_en,
	industry: m.csv_col_accounts_industry,
	region: m.csv_col_accounts_region,
	channel: m.csv_col_accounts_channel,
	currency: m.csv_col_accounts_currency,
	annual_sales: m.csv_col_accounts_annual_sales,
	annual_profit: m.csv_col_accounts_annual_profit,
	owner: m.csv_col_accounts_owner,
	tags: m.csv_col_accounts_tags,
	last_reviewed_on: m.csv_col_accounts_last_reviewed_on,
	notes: m.csv_col_accounts_notes,
	competitor_notes: m.csv_col_accounts_competitor_notes,
	tier: m.csv_col_accounts_tier
};

export function headerLabels(
	columns: readonly { zh: string; en: string }[],
	locale: 'zh-CN' | 'en'
): string[] {
	return columns.map((c) => (locale === 'en' ? c.en : c.zh));
}
