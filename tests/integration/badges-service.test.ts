import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import {
	badgeSelectionSchema,
	listBadgeCandidates,
	markBadgesPrinted,
	prepareBadgeRun
} from '$lib/server/badges/service';
import { getBadgePalette, saveBadgePalette } from '$lib/server/badges/palette-service';
import { DEFAULT_PALETTE } from '$lib/server/badges/palette';
import { parseScannedCode } from '$lib/server/checkin/code';
import { defaultSettings, saveSettings } from '$lib/server/settings/service';
import { createTestDb, newUser } from '../helpers/db';
import { newAccount, newContact } from '../helpers/accounts';
import { addCompanions, addInvitee, newGathering, newStaffMember } from '../helpers/gatherings';

let db: Db;
let userId: number;
let gid: number;

const select = (values: Record<string, unknown>) => badgeSelectionSchema.parse(values);

async function guestAt(name: string, company: string, values: Record<string, unknown> = {}) {
	const accountId = await newAccount(db, { name: company });
	return addInvitee(
		db,
		gid,
		{ contact_id: await newContact(db, accountId, name) },
		{ status: 'accepted', ...values }
	);
}

async function touch(table: 'contact', id: number, at: string) {
	await db.updateTable(table).set({ updated_at: at }).where('id', '=', id).execute();
}

beforeEach(async () => {
	db = await createTestDb();
	userId = await newUser(db);
	gid = await newGathering(db);
	await saveSettings(db, {
		company_name: '红星公司',
		company_name_en: 'Red Star Co',
		default_time_zone: 'Asia/Shanghai'
	});
});

describe('badge runs', () => {
	it('gives each accepted person a badge and every announced companion their own, with the host company', async () => {
		const wang = await guestAt('王伟', '百联');
		await addCompanions(db, gid, wang.id, ['李娜', '']);
		// The programme's seating puts 王伟 at table 3 and his first companion at table 3 too:
		// each badge line reads the person's own seat (the companion's key is i<id>c0).
		const table = await db
			.insertInto('seating_table')
			.values({ gathering_id: gid, name: '3', seats: 10 })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('seat_assignment')
			.values([
				{ gathering_id: gid, person_key: `i${wang.id}`, table_id: table.id, seat: 2 },
				{ gathering_id: gid, person_key: `i${wang.id}c0`, table_id: table.id, seat: 3 }
			])
			.execute();
		await guestAt('拒绝者', '华联', { status: 'declined' });
		const gm = await addInvitee(
			db,
			gid,
			{ staff_member_id: await newStaffMember(db, { name: '刘强', title: '总经理' }) },
			{ status: 'accepted', role: 'executive' }
		);
		const all = await listBadgeCandidates(db, gid);
		expect(all.map((b) => [b.key, b.role, b.name, b.company])).toEqual([
			[String(wang.id), 'guest', '王伟', '百联'],
			[`${wang.id}:c1`, 'companion', '李娜', '百联'],
			// Announced but not yet named: the badge names the host instead.
			[`${wang.id}:c2`, 'companion', '王伟 的随行人员', '百联'],
			[String(gm.id), 'executive', '刘强', '红星公司']
		]);
		expect(all[2].nameLatin).toMatch(/^Companion of /);
		expect(parseScannedCode(all[2].qrText)?.companion).toBe(2);
		const companion = all[1];
		expect(companion.tableNumber).toBe('3');
		// The unnamed second companion has no seat yet: no table line, not the host's.
		expect(all[2].tableNumber).toBeNull();
		expect(parseScannedCode(companion.qrText)).toEqual({
			code: wang.code,
			gatheringId: gid,
			companion: 1
		});
		expect(all[3]).toMatchObject({ companyLatin: 'Red Star Co', title: '总经理' });
	});

	it('leaves the company off host badges until the organisation has named itself', async () => {
		await saveSettings(db, defaultSettings);
		await addInvitee(
			db,
			gid,
			{ staff_member_id: await newStaffMember(db, { name: '刘强', title: '总经理' }) },
			{ status: 'accepted', role: 'executive' }
		);
		const [gm] = await listBadgeCandidates(db, gid);
		expect(gm).toMatchObject({ name: '刘强', company: null, companyLatin: null });
	});

	it('prints only those added or changed since the last print when asked', async () => {
		await guestAt('王伟', '百联');
		const b = await guestAt('李娜', '华联');
		const run = await prepareBadgeRun(db, gid, select({ who: 'changed' }));
		expect(run.badges).toHaveLength(2);
		const printedAt = new Date(Date.now() - 60_000).toISOString();
		const earlier = new Date(Date.now() - 120_000).toISOString();
		for (const table of ['invitee', 'contact', 'account'] as const) {
			await db.updateTable(table).set({ updated_at: earlier }).execute();
		}
		const contactB = await db
			.selectFrom('invitee')
			.select('contact_id')
			.where('id', '=', b.id)
			.executeTakeFirstOrThrow();
		expect(await markBadgesPrinted(db, gid, select({ who: 'all' }), printedAt, userId)).toBe(2);
		await expect(prepareBadgeRun(db, gid, select({ who: 'changed' }))).rejects.toMatchObject({
			messageKey: 'badges_error_none_selected'
		});

		// A name corrected in the directory after printing puts that badge back on the list.
		await touch('contact', contactB.contact_id!, new Date().toISOString());
		const c = await guestAt('赵敏', '新客户');
		const changed = await prepareBadgeRun(db, gid, select({ who: 'changed' }));
		expect(changed.badges.map((x) => x.inviteeId).sort()).toEqual([b.id, c.id].sort());
		const activity = await db
			.selectFrom('activity')
			.selectAll()
			.where('action', '=', 'badges.printed')
			.execute();
		expect(activity).toHaveLength(1);
	});

	it('does not mark a host printed when only a companion badge was printed', async () => {
		const wang = await guestAt('王伟', '百联');
		await addCompanions(db, gid, wang.id, ['李娜']);
		const run = await prepareBadgeRun(db, gid, select({ who: 'selected', keys: `${wang.id}:c1` }));
		expect(run.badges.map((b) => b.name)).toEqual(['李娜']);
		expect(run.inviteeIds).toEqual([]);
		expect(
			await markBadgesPrinted(
				db,
				gid,
				select({ who: 'selected', keys: `${wang.id}:c1` }),
				new Date().toISOString(),
				userId
			)
		).toBe(0);
	});

	it('filters by role and sorts by family name', async () => {
		await guestAt('王伟', 'A公司');
		await guestAt('Anna Smith', 'B Ltd');
		await guestAt('李娜', 'C公司');
		await addInvitee(
			db,
			gid,
			{ walk_in_name: '陈晨' },
			{ status: 'accepted', role: 'staff', walk_in_company: null }
		);
		const run = await prepareBadgeRun(
			db,
			gid,
			select({ who: 'all', roles: 'guest', sort: 'family' })
		);
		expect(run.badges.map((b) => b.name)).toEqual(['李娜', 'Anna Smith', '王伟']);
		const staff = await prepareBadgeRun(db, gid, select({ who: 'all', roles: 'staff' }));
		expect(staff.badges).toMatchObject([{ name: '陈晨', company: '红星公司' }]);
	});

	it("never includes another gathering's people, even when their keys are asked for", async () => {
		const other = await newGathering(db);
		const accountId = await newAccount(db, { name: '别家' });
		const stranger = await addInvitee(
			db,
			other,
			{
				contact_id: await newContact(db, accountId, '外人')
			},
			{ status: 'accepted' }
		);
		await expect(
			prepareBadgeRun(db, gid, select({ who: 'selected', keys: String(stranger.id) }))
		).rejects.toMatchObject({ messageKey: 'badges_error_none_selected' });
	});

	it('rejects malformed selections', () => {
		expect(badgeSelectionSchema.safeParse({ who: 'selected', keys: '1,drop table' }).success).toBe(
			false
		);
		expect(badgeSelectionSchema.safeParse({ who: 'all', roles: 'boss' }).success).toBe(false);
		expect(badgeSelectionSchema.safeParse({ who: 'all', layout: 'a3' }).success).toBe(false);
	});

	it('saves a gathering palette with readable labels, and resets it to the default', async () => {
		await saveBadgePalette(
			db,
			gid,
			{
				guest: '#FFFF00',
				general_manager: '#1e3a8a',
				executive: '#000080',
				staff: '#0f766e',
				companion: '#475569'
			},
			userId
		);
		let palette = await getBadgePalette(db, gid);
		expect(palette.guest).toEqual({ band: '#ffff00', text: '#000000' });
		expect(palette.executive.text).toBe('#ffffff');
		await saveBadgePalette(db, gid, null, userId);
		palette = await getBadgePalette(db, gid);
		expect(palette).toEqual(DEFAULT_PALETTE);
	});

	it('refuses a palette where two roles could be mistaken for each other, saving nothing', async () => {
		const bands = {
			guest: '#9f1239',
			general_manager: '#1e3a8a',
			executive: '#d4a017',
			staff: '#0f766e',
			companion: '#0f766e'
		};
		await expect(saveBadgePalette(db, gid, bands, userId)).rejects.toMatchObject({
			messageKey: 'badges_error_palette_same'
		});
		// Nearly the same colour counts too.
		await expect(
			saveBadgePalette(db, gid, { ...bands, companion: '#12786f' }, userId)
		).rejects.toMatchObject({ messageKey: 'badges_error_palette_same' });
		expect(await getBadgePalette(db, gid)).toEqual(DEFAULT_PALETTE);
	});
});
