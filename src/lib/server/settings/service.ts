import { z } from 'zod';
import type { Executor } from '../db';
import { requiredText, text } from '../text';

export const settingsSchema = z.object({
	company_name: requiredText(100),
	company_name_en: text(100),
	default_time_zone: z
		.string()
		.trim()
		.refine((zone) => {
			try {
				new Intl.DateTimeFormat('en', { timeZone: zone });
				return true;
			} catch {
				return false;
			}
		}, 'error_time_zone')
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
	company_name: '本公司',
	company_name_en: 'Our Company',
	default_time_zone: 'Asia/Shanghai'
};

/** Organisation-wide settings, stored as key/value rows; unknown keys are ignored. */
export async function getSettings(db: Executor): Promise<Settings> {
	const rows = await db.selectFrom('setting').selectAll().execute();
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

export async function saveSettings(db: Executor, settings: Settings): Promise<void> {
	for (const [key, value] of Object.entries(settings)) {
		await db
			.insertInto('setting')
			.values({ key, value })
			.onConflict((oc) => oc.column('key').doUpdateSet({ value }))
			.execute();
	}
}
