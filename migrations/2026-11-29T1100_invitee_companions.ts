import { sql, type Kysely } from 'kysely';

// Companions become entries of their own (name, Latin name, dietary needs, check-in), replacing
// invitee.companions_count / companion_names / companions_arrived: one source of truth. Also the
// read mark of a guest's message and the call-back time of a phone call.

/** Names typed into the old single box: "张三、李四" or one per line were one person each. */
function splitNames(json: string): string[] {
	let list: unknown;
	try {
		list = JSON.parse(json);
	} catch {
		list = [];
	}
	if (!Array.isArray(list)) {
		return [];
	}
	return list
		.filter((v): v is string => typeof v === 'string')
		.flatMap((v) => v.split(/[、,，;；\n/]+/))
		.map((v) => v.trim())
		.filter(Boolean);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('invitee_companion')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('gathering_id', 'integer', (c) =>
			c.notNull().references('gathering.id').onDelete('cascade')
		)
		.addColumn('invitee_id', 'integer', (c) =>
			c.notNull().references('invitee.id').onDelete('cascade')
		)
		// 1-based; the number on the companion's badge (check-in code suffix "c<position>").
		.addColumn('position', 'integer', (c) => c.notNull())
		// '' = announced, name not known yet.
		.addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('name_latin', 'text')
		.addColumn('dietary', 'text')
		.addColumn('checked_in_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('invitee_companion_position', ['invitee_id', 'position'])
		.execute();
	await db.schema
		.createIndex('invitee_companion_gathering')
		.on('invitee_companion')
		.column('gathering_id')
		.execute();

	const rows = await db
		.selectFrom('invitee')
		.select([
			'id',
			'gathering_id',
			'companions_count',
			'companion_names',
			'companions_arrived',
			'checked_in_at',
			'updated_at'
		])
		.where((eb) =>
			eb.or([
				eb('companions_count', '>', 0),
				eb('companion_names', '!=', '[]'),
				eb('companions_arrived', '>', 0)
			])
		)
		.execute();
	for (const r of rows) {
		const names = splitNames(String(r.companion_names ?? '[]'));
		const total = Math.max(Number(r.companions_count), names.length, Number(r.companions_arrived));
		for (let p = 1; p <= total; p++) {
			await db
				.insertInto('invitee_companion')
				.values({
					gathering_id: r.gathering_id,
					invitee_id: r.id,
					position: p,
					name: names[p - 1] ?? '',
					name_latin: null,
					dietary: null,
					checked_in_at:
						p <= Number(r.companions_arrived) ? (r.checked_in_at ?? r.updated_at) : null,
					created_at: r.updated_at
				})
				.execute();
		}
	}
	await db.schema.alterTable('invitee').dropColumn('companions_count').execute();
	await db.schema.alterTable('invitee').dropColumn('companion_names').execute();
	await db.schema.alterTable('invitee').dropColumn('companions_arrived').execute();

	await db.schema.alterTable('invitee').addColumn('message_read_at', 'text').execute();
	await db.schema.alterTable('phone_call').addColumn('call_back_at', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('phone_call').dropColumn('call_back_at').execute();
	await db.schema.alterTable('invitee').dropColumn('message_read_at').execute();
	await db.schema
		.alterTable('invitee')
		.addColumn('companions_count', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema
		.alterTable('invitee')
		.addColumn('companion_names', 'text', (c) => c.notNull().defaultTo('[]'))
		.execute();
	await db.schema
		.alterTable('invitee')
		.addColumn('companions_arrived', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await sql`update invitee set
		companions_count = (select count(*) from invitee_companion c where c.invitee_id = invitee.id),
		companion_names = coalesce((select json_group_array(name) from invitee_companion c
			where c.invitee_id = invitee.id and c.name != ''), '[]'),
		companions_arrived = (select count(*) from invitee_companion c
			where c.invitee_id = invitee.id and c.checked_in_at is not null)`.execute(db);
	await db.schema.dropTable('invitee_companion').execute();
}
