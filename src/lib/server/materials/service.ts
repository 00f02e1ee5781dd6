import { stripBreaking } from '../text';
import type { Executor } from '../db';
import { LINK_LIFETIME_AFTER_END } from '../rsvp/links';
import { DomainError, NotFoundError } from '../errors';
import { recordActivity } from '../activity/repository';
import { hashToken } from '../auth/tokens';
import { nowIso } from '../time';
import * as repo from './repository';
import { requireGatheringRow } from '../gatherings/service';

/** Guests' materials (有关资料): files staff upload for a gathering, stored in the database. */
export const MAX_MATERIAL_BYTES = 20 * 1024 * 1024;
export const MAX_MATERIALS_PER_GATHERING = 50;

/** Types a browser may show inline; everything else is served as a plain download. */
const INLINE_SAFE = new Set([
	'application/pdf',
	'image/png',
	'image/jpeg',
	'image/gif',
	'image/webp',
	'text/plain'
]);

export interface MaterialSummary {
	id: number;
	filename: string;
	content_type: string;
	size: number;
	created_at: string;
}

function cleanFilename(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	// Control characters, line breaks and bidi overrides ('invoice\u202egpj.exe') go, as quotes do.
	const cleaned = stripBreaking(base)
		.replace(/[\r\n\t"]/g, '')
		.trim();
	return cleaned.slice(-200) || 'file';
}

export interface UploadedFile {
	name: string;
	type: string;
	size: number;
	bytes: Uint8Array;
}

export async function addMaterial(
	db: Executor,
	gatheringId: number,
	file: UploadedFile,
	userId: number | null
): Promise<number> {
	if (file.size === 0) {
		throw new DomainError('materials_error_empty');
	}
	if (file.size > MAX_MATERIAL_BYTES) {
		throw new DomainError('materials_error_too_large', { max: MAX_MATERIAL_BYTES / 1024 / 1024 });
	}
	return db.transaction().execute(async (trx) => {
		await requireGatheringRow(trx, gatheringId);
		const existing = await repo.listMaterials(trx, gatheringId);
		if (existing.length >= MAX_MATERIALS_PER_GATHERING) {
			throw new DomainError('materials_error_too_many', { max: MAX_MATERIALS_PER_GATHERING });
		}
		const filename = cleanFilename(file.name);
		const id = await repo.insertMaterial(trx, {
			gathering_id: gatheringId,
			filename,
			content_type: file.type || 'application/octet-stream',
			size: file.bytes.byteLength,
			content: Buffer.from(file.bytes),
			created_at: nowIso()
		});
		await recordActivity(trx, {
			user_id: userId,
			action: 'material.uploaded',
			subject_type: 'gathering_material',
			subject_id: id,
			gathering_id: gatheringId,
			details: { filename, size: file.bytes.byteLength }
		});
		return id;
	});
}

export async function removeMaterial(
	db: Executor,
	gatheringId: number,
	materialId: number,
	userId: number | null
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const material = await repo.findMaterial(trx, gatheringId, materialId);
		if (!material) {
			throw new NotFoundError('materials_error_not_found');
		}
		await repo.deleteMaterial(trx, gatheringId, materialId);
		await recordActivity(trx, {
			user_id: userId,
			action: 'material.deleted',
			subject_type: 'gathering_material',
			subject_id: materialId,
			gathering_id: gatheringId,
			details: { filename: material.filename }
		});
	});
}

export function listGatheringMaterials(
	db: Executor,
	gatheringId: number
): Promise<MaterialSummary[]> {
	return repo.listMaterials(db, gatheringId);
}

/**
 * What an invitee may download from their RSVP page: their gathering's materials once they
 * have accepted, nothing otherwise. For the RSVP page (invitations area) to list.
 */
export async function listMaterialsForInvitee(
	db: Executor,
	inviteeId: number
): Promise<MaterialSummary[]> {
	const invitee = await repo.findInviteeAccess(db, inviteeId);
	if (!invitee || invitee.status !== 'accepted') {
		return [];
	}
	return repo.listMaterials(db, invitee.gathering_id);
}

export interface MaterialFile {
	filename: string;
	contentType: string;
	size: number;
	content: Uint8Array<ArrayBuffer>;
}

function asFile(
	material: NonNullable<Awaited<ReturnType<typeof repo.findMaterial>>>
): MaterialFile {
	return {
		filename: material.filename,
		contentType: material.content_type,
		size: material.size,
		content: new Uint8Array(material.content)
	};
}

export async function getMaterialForStaff(
	db: Executor,
	gatheringId: number,
	materialId: number
): Promise<MaterialFile> {
	const material = await repo.findMaterial(db, gatheringId, materialId);
	if (!material) {
		throw new NotFoundError('materials_error_not_found');
	}
	return asFile(material);
}

/**
 * A guest's download through their RSVP link. Every refusal is the same "not found": a wrong
 * token, a revoked one, an invitee who has not accepted, or another gathering's file.
 */
export async function getMaterialForGuest(
	db: Executor,
	token: string,
	materialId: number
): Promise<MaterialFile> {
	const invitee = await repo.findInviteeByTokenHash(
		db,
		hashToken(token),
		new Date(Date.now() - LINK_LIFETIME_AFTER_END).toISOString()
	);
	if (!invitee || invitee.status !== 'accepted') {
		throw new NotFoundError();
	}
	const material = await repo.findMaterial(db, invitee.gathering_id, materialId);
	if (!material) {
		throw new NotFoundError();
	}
	return asFile(material);
}

/** Response headers for a download: never rendered as a page of ours, whatever was uploaded. */
export function downloadHeaders(file: MaterialFile, inline = false): Record<string, string> {
	const safe = INLINE_SAFE.has(file.contentType);
	const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
	const disposition = inline && safe ? 'inline' : 'attachment';
	return {
		'Content-Type': safe ? file.contentType : 'application/octet-stream',
		'Content-Length': String(file.content.byteLength),
		'Content-Disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
		'Content-Security-Policy': "sandbox; default-src 'none'",
		'Cache-Control': 'private, no-store'
	};
}
