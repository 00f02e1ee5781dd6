import type { Executor } from '../db';
import type { IsoTime } from '../db/schema';

/** Every stored setting as key/value rows. */
export function listSettingRows(db: Executor) {
	return db.selectFrom('setting').select(['key', 'value']).execute();
}

export async function upsertSetting(db: Executor, key: string, value: string) {
	await db
		.insertInto('setting')
		.values({ key, value })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value }))
		.execute();
}

/** The company has one logo (row id 1). */
export async function upsertLogo(
	db: Executor,
	logo: { content: Buffer; content_type: string; updated_at: IsoTime }
) {
	await db
		.insertInto('company_logo')
		.values({ id: 1, ...logo })
		.onConflict((oc) => oc.column('id').doUpdateSet(logo))
		.execute();
}

export async function deleteLogoRow(db: Executor) {
	await db.deleteFrom('company_logo').execute();
}

export function findLogo(db: Executor) {
	return db
		.selectFrom('company_logo')
		.select(['content', 'content_type', 'updated_at'])
		.executeTakeFirst();
}
