import type { Db } from '$lib/server/db';
import { nowIso } from '$lib/server/time';
import { useStandardProgramme } from '$lib/server/program/agenda';
import { saveGroup } from '$lib/server/program/tours';
import { newAccount } from './accounts';
import { addCompanions, addInvitee, newContact, newGathering } from './gatherings';

export interface ProgrammeFixture {
	gatheringId: number;
	/** Invitee ids of our people: general manager, vice president, sales manager. */
	gm: number;
	vp: number;
	sales: number;
	/** Per account: its id and its accepted invitees' ids. */
	accounts: { id: number; name: string; invitees: number[] }[];
}

async function host(
	db: Db,
	gatheringId: number,
	values: {
		name: string;
		latin: string;
		title: string;
		titleEn: string;
		gm?: boolean;
		seniority: number;
		kind: 'executive' | 'staff';
	}
): Promise<number> {
	const now = nowIso();
	const s = await db
		.insertInto('staff_member')
		.values({
			name: values.name,
			name_latin: values.latin,
			title: values.title,
			title_en: values.titleEn,
			kind: values.kind,
			is_general_manager: values.gm ? 1 : 0,
			seniority: values.seniority,
			user_id: null,
			email: null,
			phone: '13900000000',
			created_at: now,
			updated_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const i = await addInvitee(
		db,
		gatheringId,
		{ staff_member_id: s.id },
		{ role: values.kind, status: 'accepted' }
	);
	return i.id;
}

/**
 * A gathering with the standard programme, our general manager, a vice president and a sales
 * manager, and accepted guests at accounts of falling sales (sizes given), each in Chinese.
 */
export async function programmeFixture(
	db: Db,
	sizes: number[] = [3, 2, 2, 1],
	options: { companionsOfFirst?: string[] } = {}
): Promise<ProgrammeFixture> {
	const gatheringId = await newGathering(db);
	await useStandardProgramme(db, gatheringId, null);
	const gm = await host(db, gatheringId, {
		name: '张伟',
		latin: 'Zhang Wei',
		title: '总经理',
		titleEn: 'General Manager',
		gm: true,
		seniority: 0,
		kind: 'executive'
	});
	const vp = await host(db, gatheringId, {
		name: '李强',
		latin: 'Li Qiang',
		title: '副总经理',
		titleEn: 'Vice President',
		seniority: 1,
		kind: 'executive'
	});
	const sales = await host(db, gatheringId, {
		name: '王芳',
		latin: 'Wang Fang',
		title: '销售经理',
		titleEn: 'Sales Manager',
		seniority: 2,
		kind: 'staff'
	});
	const surnames = ['赵', '钱', '孙', '周', '吴', '郑', '冯', '陈', '褚', '卫'];
	const accounts: ProgrammeFixture['accounts'] = [];
	for (const [n, size] of sizes.entries()) {
		const name = `${surnames[n % surnames.length]}氏贸易${n}`;
		const accountId = await newAccount(db, {
			name,
			annual_sales: String((sizes.length - n) * 1_000_000)
		});
		const invitees: number[] = [];
		for (let k = 0; k < size; k += 1) {
			const c = await newContact(db, {
				account_id: accountId,
				name: `${surnames[(n + k) % surnames.length]}${['明', '华', '静', '磊', '洁'][k % 5]}${n}`,
				title: k === 0 ? '董事长' : '采购经理'
			});
			const companions = n === 0 && k === 0 ? (options.companionsOfFirst ?? []) : [];
			const i = await addInvitee(db, gatheringId, { contact_id: c.id }, { status: 'accepted' });
			await addCompanions(db, gatheringId, i.id, companions);
			invitees.push(i.id);
		}
		accounts.push({ id: accountId, name, invitees });
	}
	return { gatheringId, gm, vp, sales, accounts };
}

/** Tour groups on one tour item, each with room for `capacity`, on the same two-stop route. */
export async function addTourGroups(
	db: Db,
	gatheringId: number,
	itemId: number,
	names: string[],
	options: { capacity?: number; guide?: number | null; language?: 'zh' | 'en' } = {}
): Promise<number[]> {
	const ids: number[] = [];
	for (const [n, name] of names.entries()) {
		ids.push(
			await saveGroup(
				db,
				gatheringId,
				{
					item_id: itemId,
					name,
					guide_invitee_id: n === 0 && options.guide ? options.guide : 0,
					language: options.language ?? 'zh',
					capacity: options.capacity ?? 6,
					start_offset_min: 0,
					route: '成品仓库 | 20 | 请勿越过黄线\n主车间 | 25 | 戴安全帽'
				},
				null
			)
		);
	}
	return ids;
}

/** A second tour item (an afternoon tour) `hours` after the gathering's start. */
export async function addTourItem(
	db: Db,
	gatheringId: number,
	values: { startsAt: string; endsAt: string; titleZh: string; titleEn: string }
): Promise<number> {
	const now = nowIso();
	const row = await db
		.insertInto('program_item')
		.values({
			gathering_id: gatheringId,
			kind: 'tour',
			starts_at: values.startsAt,
			ends_at: values.endsAt,
			title_zh: values.titleZh,
			title_en: values.titleEn,
			created_at: now,
			updated_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}
