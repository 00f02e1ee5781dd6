import type { Kysely } from 'kysely';

/**
 * Text fields now refuse control characters and bidi overrides at input; this cleans what was
 * stored before. From every text column of the directory and gathering tables it removes C0
 * controls other than tab and line breaks, DEL, C1 controls and U+202A–202E / U+2066–2069;
 * single-line columns also lose their line breaks (each run becomes one space). Multi-line
 * columns keep theirs. companion_names is a JSON list of names and is cleaned name by name.
 * Frozen in time: the column lists are those of this date, written out here.
 */
// eslint-disable-next-line no-control-regex
const BREAKING = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /\s*[\r\n\u2028\u2029]+\s*/g;

const SINGLE_LINE: Record<string, string[]> = {
	account: ['name', 'name_en', 'industry', 'region', 'tier_override_reason'],
	account_tag: ['tag'],
	contact: ['name', 'name_latin', 'salutation', 'title', 'email', 'phone', 'dietary', 'hobbies'],
	contact_date: ['label'],
	staff_member: ['name', 'name_latin', 'title', 'title_en', 'email', 'phone'],
	gathering: [
		'title_zh',
		'title_en',
		'venue_name',
		'venue_address',
		'map_url',
		'dress_code',
		'host_name',
		'host_phone',
		'host_email'
	],
	invitee: [
		'walk_in_name',
		'walk_in_name_latin',
		'walk_in_company',
		'walk_in_title',
		'dietary',
		'arrival_details'
	]
};

const MULTI_LINE: Record<string, string[]> = {
	account: ['notes', 'competitor_notes'],
	contact: ['style_notes', 'notes'],
	gathering: ['description_zh', 'description_en', 'bring_notes'],
	invitee: ['message_to_host'],
	phone_call: ['note']
};

function cleanSingle(value: string): string {
	return value.replace(BREAKING, '').replace(LINE_BREAKS, ' ').trim();
}

function cleanMulti(value: string): string {
	return value.replace(BREAKING, '');
}

function cleanNames(json: string): string {
	try {
		const names: unknown = JSON.parse(json);
		if (Array.isArray(names)) {
			return JSON.stringify(names.map((n) => (typeof n === 'string' ? cleanSingle(n) : n)));
		}
	} catch {
		// Not JSON: leave it for the application to report.
	}
	return json;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	const tables = new Set([...Object.keys(SINGLE_LINE), ...Object.keys(MULTI_LINE)]);
	for (const table of tables) {
		const single = SINGLE_LINE[table] ?? [];
		const multi = MULTI_LINE[table] ?? [];
		const json = table === 'invitee' ? ['companion_names'] : [];
		const key = table === 'account_tag' ? ['account_id', 'tag'] : ['id'];
		const rows = await db
			.selectFrom(table)
			.select([...new Set([...key, ...single, ...multi, ...json])])
			.execute();
		for (const row of rows) {
			const changes: Record<string, string> = {};
			const clean = (columns: string[], fn: (v: string) => string) => {
				for (const column of columns) {
					const value = row[column];
					if (typeof value === 'string' && fn(value) !== value) {
						changes[column] = fn(value);
					}
				}
			};
			clean(single, cleanSingle);
			clean(multi, cleanMulti);
			clean(json, cleanNames);
			if (Object.keys(changes).length === 0) {
				continue;
			}
			let update = db.updateTable(table).set(changes);
			for (const column of key) {
				update = update.where(column, '=', row[column]);
			}
			// A tag that becomes a duplicate of another on the same account is dropped instead.
			if (table === 'account_tag') {
				await update
					.execute()
					.catch(() =>
						db
							.deleteFrom('account_tag')
							.where('account_id', '=', row.account_id)
							.where('tag', '=', row.tag)
							.execute()
					);
			} else {
				await update.execute();
			}
		}
	}
}

// Removed characters cannot be put back; there is nothing to undo.
export async function down(): Promise<void> {}
