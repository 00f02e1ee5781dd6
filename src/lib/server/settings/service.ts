import { z } from 'zod';
import type { Executor } from '../db';
import { DomainError } from '../errors';
import { requiredText, text } from '../text';
import { nowIso } from '../time';
import * as repo from './repository';

/** What earlier versions stored before a company was named; never shown to a guest. */
export const PLACEHOLDER_NAMES = new Set(['本公司', 'Our Company']);

/** An optional field: missing and empty are both ''. */
const optional = (max: number) => text(max).optional().default('');

export const settingsSchema = z.object({
	company_name: requiredText(100).refine(
		(v) => !PLACEHOLDER_NAMES.has(v),
		'settings_company_placeholder'
	),
	company_name_en: optional(100),
	/** Postal address, printed under the signature of every email. */
	company_address: optional(300),
	company_phone: optional(50),
	default_time_zone: z
		.string()
		.trim()
		.optional()
		.transform((v) => v || 'Asia/Shanghai')
		.refine((zone) => {
			try {
				new Intl.DateTimeFormat('en', { timeZone: zone });
				return true;
			} catch {
				return false;
			}
		}, 'error_time_zone')
});
export type Settings = z.output<typeof settingsSchema>;

/**
 * Before set-up stores the company, its name is empty: no placeholder ("本公司", "Our Company")
 * ever reaches a guest; set-up and Settings require the name.
 */
export const defaultSettings: Settings = {
	company_name: '',
	company_name_en: '',
	company_address: '',
	company_phone: '',
	default_time_zone: 'Asia/Shanghai'
};

/** Organisation-wide settings, stored as key/value rows; unknown keys are ignored. */
export async function getSettings(db: Executor): Promise<Settings> {
	const rows = await repo.listSettingRows(db);
	const stored = Object.fromEntries(rows.map((r) => [r.key, r.value]));
	return { ...defaultSettings, ...pick(stored) };
}

function pick(stored: Record<string, string>): Partial<Settings> {
	const out: Partial<Settings> = {};
	for (const key of Object.keys(defaultSettings) as (keyof Settings)[]) {
		if (key in stored) {
			out[key] = stored[key];
		}
	}
	return out;
}

export async function saveSettings(db: Executor, settings: Partial<Settings>): Promise<void> {
	for (const [key, value] of Object.entries(settings)) {
		if (value === undefined) {
			continue;
		}
		await repo.upsertSetting(db, key, value);
	}
	brandCache = new WeakMap();
}

// ---------------------------------------------------------------------------------------------
// The logo: PNG, JPEG or GIF (what every mail program shows inline), up to 200 KB, stored in
// the database. The type is read from the file's own bytes, not from its name or the browser.

export const LOGO_MAX_BYTES = 200 * 1024;

export function sniffImageType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | 'image/gif' | null {
	const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
	if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) {
		return 'image/png';
	}
	if (starts(0xff, 0xd8, 0xff)) {
		return 'image/jpeg';
	}
	if (starts(0x47, 0x49, 0x46, 0x38)) {
		return 'image/gif';
	}
	return null;
}

/** Checks a logo upload: a real PNG/JPEG/GIF within the size limit. */
export function checkLogo(bytes: Uint8Array): { content: Buffer; contentType: string } {
	if (bytes.length > LOGO_MAX_BYTES) {
		throw new DomainError('settings_logo_too_large', { max: LOGO_MAX_BYTES / 1024 });
	}
	const contentType = sniffImageType(bytes);
	if (!contentType) {
		throw new DomainError('settings_logo_type');
	}
	return { content: Buffer.from(bytes), contentType };
}

export async function saveLogo(db: Executor, bytes: Uint8Array): Promise<void> {
	const logo = checkLogo(bytes);
	await repo.upsertLogo(db, {
		content: logo.content,
		content_type: logo.contentType,
		updated_at: nowIso()
	});
	brandCache = new WeakMap();
}

export async function deleteLogo(db: Executor): Promise<void> {
	await repo.deleteLogoRow(db);
	brandCache = new WeakMap();
}

export function getLogo(db: Executor) {
	return repo.findLogo(db);
}

/** What every email carries of the company: names, address, phone and the logo. */
export interface Brand {
	nameZh: string;
	nameEn: string;
	address: string;
	phone: string;
	logo: { content: Buffer; contentType: string } | null;
}

// Read for every email batch and every RSVP answer: kept in memory per database handle, all
// dropped when set-up or Settings change it (one Gala process per database).
let brandCache = new WeakMap<Executor, Brand>();

export async function getBrand(db: Executor): Promise<Brand> {
	const cached = brandCache.get(db);
	if (cached) {
		return cached;
	}
	const [settings, logo] = await Promise.all([getSettings(db), getLogo(db)]);
	const brand: Brand = {
		nameZh: settings.company_name,
		nameEn: settings.company_name_en,
		address: settings.company_address,
		phone: settings.company_phone,
		logo: logo ? { content: Buffer.from(logo.content), contentType: logo.content_type } : null
	};
	brandCache.set(db, brand);
	return brand;
}

/** Settings' save: the company and, when given, a new logo (checked first) or its removal. */
export async function saveCompany(
	db: Executor,
	settings: Settings,
	logo: { logo: Uint8Array | null; removeLogo: boolean }
): Promise<void> {
	if (logo.logo) {
		checkLogo(logo.logo);
	}
	await saveSettings(db, settings);
	if (logo.logo) {
		await saveLogo(db, logo.logo);
	} else if (logo.removeLogo) {
		await deleteLogo(db);
	}
}

/** The Settings page: the stored company and the logo's version (its last change), if any. */
export async function loadCompanySettings(db: Executor) {
	const logo = await getLogo(db);
	return { settings: await getSettings(db), logoVersion: logo?.updated_at ?? null };
}
