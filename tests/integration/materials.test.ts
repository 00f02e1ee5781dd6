import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import {
	addMaterial,
	downloadHeaders,
	getMaterialForGuest,
	listGatheringMaterials,
	listMaterialsForInvitee,
	MAX_MATERIAL_BYTES,
	removeMaterial
} from '$lib/server/materials/service';
import { createTestDb, newUser } from '../helpers/db';
import { newAccount, newContact } from '../helpers/accounts';
import { addInvitee, newGathering, newRsvpToken } from '../helpers/gatherings';

let db: Db;
let userId: number;
let gid: number;

function file(name: string, text = 'hello', type = 'application/pdf') {
	const bytes = new TextEncoder().encode(text);
	return { name, type, size: bytes.byteLength, bytes };
}

async function guest(
	gatheringId: number,
	status: 'accepted' | 'invited' | 'declined' = 'accepted'
) {
	const accountId = await newAccount(db, { name: `客户${Math.random()}` });
	const invitee = await addInvitee(
		db,
		gatheringId,
		{ contact_id: await newContact(db, accountId, '王伟') },
		{ status }
	);
	return { id: invitee.id, token: await newRsvpToken(db, invitee.id) };
}

beforeEach(async () => {
	db = await createTestDb();
	userId = await newUser(db);
	gid = await newGathering(db);
});

describe('materials', () => {
	it('uploads, lists and deletes files, recording each change', async () => {
		const id = await addMaterial(db, gid, file('../../日程 Programme.pdf'), userId);
		expect(await listGatheringMaterials(db, gid)).toMatchObject([
			{ id, filename: '日程 Programme.pdf', size: 5 }
		]);
		await removeMaterial(db, gid, id, userId);
		expect(await listGatheringMaterials(db, gid)).toEqual([]);
		const actions = await db.selectFrom('activity').select('action').execute();
		expect(actions.map((a) => a.action)).toEqual(['material.uploaded', 'material.deleted']);
	});

	it('refuses empty and oversized files with a clear message, writing nothing', async () => {
		await expect(addMaterial(db, gid, file('a.pdf', ''), userId)).rejects.toMatchObject({
			messageKey: 'materials_error_empty'
		});
		const big = {
			name: 'big.pdf',
			type: 'application/pdf',
			size: MAX_MATERIAL_BYTES + 1,
			bytes: new Uint8Array(0)
		};
		await expect(addMaterial(db, gid, big, userId)).rejects.toMatchObject({
			messageKey: 'materials_error_too_large',
			params: { max: 20 }
		});
		expect(await listGatheringMaterials(db, gid)).toEqual([]);
	});

	it('lets an accepted guest download their gathering’s file through the RSVP link', async () => {
		const id = await addMaterial(db, gid, file('programme.pdf', '%PDF-1.4 x'), userId);
		const accepted = await guest(gid);
		expect(await listMaterialsForInvitee(db, accepted.id)).toMatchObject([
			{ id, filename: 'programme.pdf' }
		]);
		const got = await getMaterialForGuest(db, accepted.token, id);
		expect(new TextDecoder().decode(got.content)).toBe('%PDF-1.4 x');
	});

	it('answers 404 for a guest who has not accepted, a wrong or revoked token, or another gathering’s file', async () => {
		const id = await addMaterial(db, gid, file('programme.pdf'), userId);
		const other = await newGathering(db);
		const otherFile = await addMaterial(db, other, file('secret.pdf'), userId);
		const invited = await guest(gid, 'invited');
		const accepted = await guest(gid);
		expect(await listMaterialsForInvitee(db, invited.id)).toEqual([]);
		await expect(getMaterialForGuest(db, invited.token, id)).rejects.toMatchObject({ status: 404 });
		await expect(getMaterialForGuest(db, 'not-a-token', id)).rejects.toMatchObject({ status: 404 });
		await expect(getMaterialForGuest(db, accepted.token, otherFile)).rejects.toMatchObject({
			status: 404
		});
		await db.updateTable('rsvp_token').set({ revoked_at: new Date().toISOString() }).execute();
		await expect(getMaterialForGuest(db, accepted.token, id)).rejects.toMatchObject({
			status: 404
		});
	});

	it('serves downloads as attachments that a browser will not run as a page', () => {
		const headers = downloadHeaders({
			filename: '日程 "A".html',
			contentType: 'text/html',
			size: 3,
			content: new Uint8Array(3)
		});
		expect(headers['Content-Type']).toBe('application/octet-stream');
		expect(headers['Content-Disposition']).toContain('attachment;');
		expect(headers['Content-Disposition']).toContain("filename*=UTF-8''%E6%97%A5%E7%A8%8B");
		expect(headers['Content-Security-Policy']).toContain('sandbox');
	});
});
