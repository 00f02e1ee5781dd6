import type { Executor } from '../db';
import { listAccountNames } from '../accounts/repository';
import { listUserNames } from '../users/repository';

/**
 * How a CSV's company column finds an account: by its exact name, else by its English name
 * ignoring case (the oldest account when several share one). The same rule as
 * `findAccountByName`, read once for a whole file.
 */
export async function accountFinder(
	db: Executor
): Promise<(company: string) => number | undefined> {
	const byName = new Map<string, number>();
	const byLatin = new Map<string, number>();
	for (const a of await listAccountNames(db)) {
		if (!byName.has(a.name)) {
			byName.set(a.name, a.id);
		}
		const latin = a.name_en?.trim().toLowerCase();
		if (latin && !byLatin.has(latin)) {
			byLatin.set(latin, a.id);
		}
	}
	return (company) => byName.get(company) ?? byLatin.get(company.toLowerCase());
}

/** How the owner column finds a staff user: by email (any case) or by exact name. */
export async function userFinder(db: Executor): Promise<(owner: string) => number | undefined> {
	const byKey = new Map<string, number>();
	for (const u of await listUserNames(db)) {
		byKey.set(u.email.toLowerCase(), u.id);
		byKey.set(u.name, u.id);
	}
	return (owner) => byKey.get(owner.toLowerCase()) ?? byKey.get(owner);
}

/** The line that first used a key (a name, an email): a later row with it is a duplicate. */
export function firstLines() {
	const seen = new Map<string, number>();
	return (key: string, line: number): number | undefined => {
		const first = seen.get(key);
		if (first === undefined) {
			seen.set(key, line);
		}
		return first;
	};
}
