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

export function countUsers(db: Executor) {
	return db
		.selectFrom('user')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow()
		.then((r) => Number(r.n));
}

export function findUserByEmail(db: Executor, email: string) {
	return db.selectFrom('user').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Executor, id: number) {
	return db.selectFrom('user').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listUsers(db: Executor) {
	return db.selectFrom('user').select(publicColumns).orderBy('name').execute();
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

export async function updateUser(db: Executor, id: number, changes: UserUpdate): Promise<void> {
	await db.updateTable('user').set(changes).where('id', '=', id).execute();
}
