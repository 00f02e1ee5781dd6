import type { Executor } from '../db';
import type { NewUser, UserUpdate } from '../db/schema';

const publicColumns = [
	'id',
	'email',
	'name',
	'role',
	'locale',
	'disabled_at',
	'created_at',
	'updated_at'
] as const;

export function findUserByEmail(db: Executor, email: string) {
	return db.selectFrom('user').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Executor, id: number) {
	return db.selectFrom('user').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listUsers(db: Executor) {
	return db.selectFrom('user').select(publicColumns).orderBy('name').execute();
}

/** Every user's id, email and name (disabled ones too): what importers match owners against. */
export function listUserNames(db: Executor) {
	return db.selectFrom('user').select(['id', 'email', 'name']).execute();
}

export function listActiveUsers(db: Executor) {
	return db
		.selectFrom('user')
		.select(['id', 'name', 'email'])
		.where('disabled_at', 'is', null)
		.orderBy('name')
		.execute();
}

export async function insertUser(db: Executor, user: NewUser): Promise<number> {
	const row = await db.insertInto('user').values(user).returning('id').executeTakeFirstOrThrow();
	return row.id;
}

/**
 * Inserts the user only if the table is empty, in one statement, so that of several set-ups
 * racing (even from two processes) exactly one wins. Returns the new id, or null when a user exists.
 */
export async function insertFirstUser(db: Executor, user: NewUser): Promise<number | null> {
	const columns = Object.keys(user) as (keyof NewUser & string)[];
	const row = await db
		.insertInto('user')
		.columns(columns)
		.expression(
			db
				.selectNoFrom((eb) => columns.map((c) => eb.val(user[c]).as(c)))
				.where(({ not, exists, selectFrom }) => not(exists(selectFrom('user').select('id'))))
		)
		.returning('id')
		.executeTakeFirst();
	return row?.id ?? null;
}

export async function updateUser(db: Executor, id: number, changes: UserUpdate): Promise<void> {
	await db.updateTable('user').set(changes).where('id', '=', id).execute();
}
