import { randomBytes } from 'node:crypto';

/**
 * Uploaded CSV files between the preview and the confirmation, in this process's memory for
 * 30 minutes and only for the user who uploaded them. The confirm step posts just the id, so a
 * large file is uploaded once. A restart forgets pending files; the page then asks to upload
 * again (nothing was written yet).
 */
const TTL_MS = 30 * 60 * 1000;
const MAX_FILES = 50;

interface Pending {
	bytes: Uint8Array;
	kind: 'contacts' | 'accounts';
	userId: number;
	fileName: string;
	expires: number;
}

const pending = new Map<string, Pending>();

function sweep(now: number) {
	for (const [id, file] of pending) {
		if (file.expires < now) {
			pending.delete(id);
		}
	}
	// Oldest first: Map keeps insertion order.
	while (pending.size > MAX_FILES) {
		pending.delete(pending.keys().next().value!);
	}
}

export function keepUpload(file: Omit<Pending, 'expires'>): string {
	const now = Date.now();
	sweep(now);
	const id = randomBytes(18).toString('base64url');
	pending.set(id, { ...file, expires: now + TTL_MS });
	return id;
}

export function takeUpload(
	id: string,
	kind: Pending['kind'],
	userId: number
): Pick<Pending, 'bytes' | 'fileName'> | null {
	sweep(Date.now());
	const file = pending.get(id);
	if (!file || file.kind !== kind || file.userId !== userId) {
		return null;
	}
	return { bytes: file.bytes, fileName: file.fileName };
}

export function dropUpload(id: string): void {
	pending.delete(id);
}
