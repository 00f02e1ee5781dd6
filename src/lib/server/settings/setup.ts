import type { Db } from '../db';
import { createFirstAdmin } from '../users/service';
import { checkLogo, saveLogo, saveSettings, type Settings } from './service';

/**
 * First run: the first administrator and the company every email comes from. The logo is
 * checked before anything is written, so a bad file leaves no half-made set-up behind.
 */
export async function completeSetup(
	db: Db,
	admin: Parameters<typeof createFirstAdmin>[1],
	company: Settings,
	logo: Uint8Array | null
): Promise<number> {
	if (logo) {
		checkLogo(logo);
	}
	const userId = await createFirstAdmin(db, admin);
	await saveSettings(db, company);
	if (logo) {
		await saveLogo(db, logo);
	}
	return userId;
}

/** The bytes of an uploaded file field, or null when none was chosen. */
export async function uploadedBytes(value: FormDataEntryValue | null): Promise<Uint8Array | null> {
	if (!value || typeof value === 'string' || value.size === 0) {
		return null;
	}
	return new Uint8Array(await value.arrayBuffer());
}
