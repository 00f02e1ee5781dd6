import { startSession } from '../auth/session';
import type { Db } from '../db';
import { createFirstAdmin } from '../users/service';
import { checkLogo, saveLogo, saveSettings, type Settings } from './service';

/**
 * First run: the first administrator and the company every email comes from, then (when asked)
 * the demo data, and a session for the new administrator. The logo is checked before anything is
 * written, so a bad file leaves no half-made set-up behind.
 */
export async function completeSetup(
	db: Db,
	admin: Parameters<typeof createFirstAdmin>[1],
	company: Settings,
	options: { logo: Uint8Array | null; demo: boolean }
) {
	const { logo } = options;
	if (logo) {
		checkLogo(logo);
	}
	const userId = await createFirstAdmin(db, admin);
	await saveSettings(db, company);
	if (logo) {
		await saveLogo(db, logo);
	}
	if (options.demo) {
		// Loaded on demand: the demo data is large and most installations never use it.
		const { loadDemoData } = await import('../demo/seed');
		await loadDemoData(db, { ownerUserId: userId });
	}
	return startSession(db, userId);
}

/** The bytes of an uploaded file field, or null when none was chosen. */
export async function uploadedBytes(value: FormDataEntryValue | null): Promise<Uint8Array | null> {
	if (!value || typeof value === 'string' || value.size === 0) {
		return null;
	}
	return new Uint8Array(await value.arrayBuffer());
}
