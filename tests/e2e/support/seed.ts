import { randomBytes } from 'node:crypto';
import { createDb, type Db } from '$lib/server/db';
import { contactInputSchema } from '$lib/server/contacts/schema';
import { createContact } from '$lib/server/contacts/service';
import { newAccount } from '../../helpers/accounts';
import {
	addCompanions,
	addInvitee,
	newGathering,
	newRsvpToken,
	newStaffMember
} from '../../helpers/gatherings';
import { ADMIN, E2E_DB } from './env';

/**
 * The one way end-to-end specs put rows into the e2e server's database (the server runs in WAL
 * mode, so both can hold the file): through the app's own services and the integration tests'
 * factories, so stored keys (pinyin, initials, sort names, tiers, token hashes) are the ones the
 * app itself makes. Specs seed what their pages do not create, and every name carries a unique
 * tag so specs never meet each other's rows, whatever order CI runs them in.
 */

export { addCompanions, addInvitee, newGathering, newRsvpToken, newStaffMember };

/** A short random tag, letters only, so it survives pinyin and initial searches unchanged. */
export function tag(length = 6): string {
	return Array.from(randomBytes(length), (b) => String.fromCharCode(97 + (b % 26))).join('');
}

/** Runs `work` on a handle to the e2e database, closed afterwards. */
export async function withE2eDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
	const db = createDb(E2E_DB);
	try {
		return await work(db);
	} finally {
		await db.destroy();
	}
}

/** The administrator the setup project created (the owner and sender of seeded accounts). */
export async function adminUser(db: Db): Promise<{ id: number; name: string }> {
	return db
		.selectFrom('user')
		.select(['id', 'name'])
		.where('email', '=', ADMIN.email)
		.executeTakeFirstOrThrow();
}

/**
 * An account through the accounts service (sort key and tiers as the app computes them);
 * `key: true` sets the tier by hand, so another spec's figures cannot change it.
 */
export async function seedAccount(
	db: Db,
	values: { name: string; key?: boolean } & Record<string, unknown>
): Promise<number> {
	const { key, ...rest } = values;
	return newAccount(db, {
		channel: 'distributor',
		...(key ? { tier_override: 'key', tier_override_reason: 'e2e' } : {}),
		...rest
	});
}

/** A contact through the contacts service, so its pinyin and initials are the app's own. */
export async function seedContact(
	db: Db,
	accountId: number,
	values: { name: string } & Record<string, unknown>
): Promise<number> {
	return createContact(db, contactInputSchema.parse({ account_id: accountId, ...values }), null);
}

export interface SeededPerson {
	id: number;
	name: string;
	nameLatin: string | null;
	company: string | null;
	role: 'guest' | 'executive' | 'staff';
	code: string;
	companions: string[];
	/** The guest's RSVP link token (guests only), stored hashed as the app stores it. */
	rsvpToken: string | null;
}

export interface SeededGathering {
	id: number;
	title: string;
	suffix: string;
	/** The guests' key account. */
	accountId: number;
	/** In insertion order: guests of a key account first, then the host's people. */
	people: SeededPerson[];
	accountManager: string;
}

/**
 * A draft gathering with three accepted guests of one key account (one with a companion) and two of
 * the host's people, everyone with a check-in code and each guest with an RSVP link.
 */
export async function seedCheckinGathering(): Promise<SeededGathering> {
	return withE2eDb(async (db) => {
		const suffix = tag(5);
		const manager = await db
			.selectFrom('user')
			.select(['id', 'name'])
			.where('disabled_at', 'is', null)
			.orderBy('id')
			.executeTakeFirst();
		const company = `恒通商贸${suffix}`;
		const account = await seedAccount(db, {
			name: company,
			name_en: `Hengtong Trading ${suffix}`,
			channel: 'ka_retailer',
			owner_user_id: manager?.id,
			key: true
		});
		const title = `答谢会 ${suffix}`;
		const gathering = await newGathering(db, {
			uid: `${suffix}-${tag(12)}@e2e`,
			title_zh: title,
			title_en: `Appreciation Evening ${suffix}`,
			status: 'draft'
		});
		const people: SeededPerson[] = [];
		// Chinese names with a Latin tag, so pinyin initials ('wjg…') and the tag both find them.
		const guests: [string, string, string[]][] = [
			[`王建国${suffix}`, `Wang Jianguo ${suffix}`, []],
			[`李秀英${suffix}`, `Li Xiuying ${suffix}`, [`张伟${suffix}`]],
			[`陈思远${suffix}`, `Chen Siyuan ${suffix}`, []]
		];
		for (const [i, [name, nameLatin, companions]] of guests.entries()) {
			const contactId = await seedContact(db, account, {
				name,
				name_latin: nameLatin,
				title: '采购总监'
			});
			const { id, code } = await addInvitee(
				db,
				gathering,
				{ contact_id: contactId },
				{ status: 'accepted', table_number: String(i + 1), tour_group: 'A' }
			);
			await addCompanions(db, gathering, id, companions);
			const rsvpToken = await newRsvpToken(db, id);
			people.push({ id, name, nameLatin, company, role: 'guest', code, companions, rsvpToken });
		}
		const hosts: [string, string, 'executive' | 'staff', string][] = [
			[`刘总${suffix}`, `Liu ${suffix}`, 'executive', '总经理'],
			[`赵敏${suffix}`, `Zhao Min ${suffix}`, 'staff', '大客户经理']
		];
		for (const [name, nameLatin, kind, jobTitle] of hosts) {
			const staffId = await newStaffMember(db, {
				name,
				name_latin: nameLatin,
				kind,
				title: jobTitle
			});
			const { id, code } = await addInvitee(
				db,
				gathering,
				{ staff_member_id: staffId },
				{ role: kind, status: 'accepted' }
			);
			people.push({
				id,
				name,
				nameLatin,
				company: null,
				role: kind,
				code,
				companions: [],
				rsvpToken: null
			});
		}
		return {
			id: gathering,
			title,
			suffix,
			accountId: account,
			people,
			accountManager: manager?.name ?? ''
		};
	});
}
