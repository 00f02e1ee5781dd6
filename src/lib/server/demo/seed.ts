import { getSettings, PLACEHOLDER_NAMES, saveSettings } from '../settings/service';
import type { Transaction } from 'kysely';
import type { Db } from '../db';
import type { DB } from '../db/schema';
import { ConflictError } from '../errors';
import { logChange } from '../activity/log';
import { countAccountsWithAutoTier, hasAnyAccount } from '../accounts/repository';
import { accountInputSchema, createAccount, recomputeAutoTiers } from '../accounts/service';
import { insertContact, insertContactDates } from '../contacts/repository';
import { nameKeys } from '../text/pinyin';
import { todayIn } from '../accounts/review';
import { createStaffMember, staffMemberSchema } from '../host/service';
import { nowIso } from '../time';
import { demoAccounts, demoStaff, type DemoAccount } from './data';
import { loadDemoGatherings } from './gatherings';

export { nameKeys };

export interface DemoSummary {
	accounts: number;
	keyAccounts: number;
	contacts: number;
	staff: number;
}

function daysAgo(today: string, days: number): string {
	const date = new Date(`${today}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() - days);
	return date.toISOString().slice(0, 10);
}

function emailLocalPart(latin: string): string {
	const words = latin
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z\s-]/g, '')
		.split(/[\s-]+/)
		.filter(Boolean);
	return words.length > 1 ? `${words[0]}.${words.slice(1).join('')}` : (words[0] ?? 'contact');
}

function phoneFor(account: DemoAccount, index: number): string {
	const n = String(1000 + index * 37).padStart(4, '0');
	if (account.timeZone === 'Asia/Singapore') {
		return `+65 6${n.slice(0, 3)} ${n}`;
	}
	if (account.timeZone === 'Europe/Berlin') {
		return `+49 221 ${n}${index % 10}`;
	}
	return `+86 1${3 + (index % 7)}${index % 10} ${n} ${String(index * 53)
		.padStart(4, '0')
		.slice(-4)}`;
}

async function insertContacts(
	trx: Transaction<DB>,
	account: DemoAccount,
	accountId: number,
	userId: number | null,
	counter: { n: number; emails: Set<string> }
): Promise<void> {
	for (const [i, person] of account.people.entries()) {
		const [name, latin, salutation, title, birthday, birthYear, hobbies, dietary, style] = person;
		let email = `${emailLocalPart(latin)}@${account.domain}`;
		while (counter.emails.has(email)) {
			email = email.replace('@', `${counter.n}@`);
		}
		counter.emails.add(email);
		counter.n++;
		const now = nowIso();
		const id = await insertContact(trx, {
			account_id: accountId,
			name,
			name_latin: latin === name ? null : latin,
			...nameKeys(name),
			salutation,
			title,
			email,
			phone: phoneFor(account, counter.n),
			locale: account.locale ?? 'zh-CN',
			time_zone: account.timeZone ?? 'Asia/Shanghai',
			work_start: account.work?.[0] ?? '09:00',
			work_end: account.work?.[1] ?? '18:00',
			birthday,
			birth_year: birthYear,
			dietary,
			hobbies,
			style_notes: style,
			notes: null,
			created_at: now,
			updated_at: now
		});
		if (i === 0) {
			await insertContactDates(
				trx,
				(account.dates ?? []).map(([label, monthDay, year]) => ({
					contact_id: id,
					label,
					month_day: monthDay,
					year
				}))
			);
		}
		await logChange(
			trx,
			userId,
			'contact.created',
			{ type: 'contact', id: id, accountId: accountId },
			{ name, source: 'demo' }
		);
	}
}

/**
 * Loads the demo directory: our people, 18 accounts across every channel and about 60 contacts,
 * in one transaction. Refuses when any account exists, so it never mixes with real data.
 */
const DEMO_COMPANY = {
	company_name: '华东优品食品有限公司',
	company_name_en: 'East China Fine Foods Co., Ltd.',
	company_address: '上海市闵行区申长路 988 号 201107',
	company_phone: '+86 21 5555 0100'
};

export async function loadDemoData(
	db: Db,
	{ ownerUserId }: { ownerUserId: number | null }
): Promise<DemoSummary> {
	return db.transaction().execute(async (trx) => {
		if (await hasAnyAccount(trx)) {
			throw new ConflictError('accounts_error_demo_exists');
		}
		// The demo's host company, unless set-up already named the real one: no placeholder
		// ("本公司") reaches a demo email or badge.
		const settings = await getSettings(trx);
		if (!settings.company_name || PLACEHOLDER_NAMES.has(settings.company_name)) {
			await saveSettings(trx, DEMO_COMPANY);
		}
		for (const person of demoStaff) {
			await createStaffMember(
				trx,
				staffMemberSchema.parse({ ...person, is_general_manager: person.gm ?? false }),
				ownerUserId
			);
		}
		const today = todayIn('Asia/Shanghai');
		const counter = { n: 0, emails: new Set<string>() };
		for (const account of demoAccounts) {
			const input = accountInputSchema.parse({
				name: account.name,
				name_en: account.name_en,
				industry: account.industry,
				region: account.region,
				channel: account.channel,
				annual_sales: account.sales,
				annual_profit: account.profit,
				owner_user_id: ownerUserId,
				tags: account.tags,
				notes: account.notes,
				competitor_notes: account.competitors,
				last_reviewed_on:
					account.reviewedDaysAgo === null ? '' : daysAgo(today, account.reviewedDaysAgo),
				tier_override: account.override?.tier,
				tier_override_reason: account.override?.reason
			});
			const id = await createAccount(trx, input, ownerUserId, { recompute: false });
			await insertContacts(trx, account, id, ownerUserId, counter);
		}
		await recomputeAutoTiers(trx);
		await loadDemoGatherings(trx, ownerUserId);
		return {
			accounts: demoAccounts.length,
			keyAccounts: await countAccountsWithAutoTier(trx, 'key'),
			contacts: counter.n,
			staff: demoStaff.length
		};
	});
}
