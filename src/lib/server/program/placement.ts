import type { Executor } from '../db';
import { NotFoundError } from '../errors';
import { findGathering } from '../gatherings/repository';
import { recordActivity } from '../activity/repository';
import type { Attendee } from '$lib/domain/program/people';
import type { BreachView } from '$lib/domain/program/breaches';

// What tours and seating share: people are placed (in a group, at a seat) by a pure rule, pinned
// by hand, and a re-run writes only the places that changed. One copy of that bookkeeping.

export async function requireGatheringRow(db: Executor, gatheringId: number) {
	const g = await findGathering(db, gatheringId);
	if (!g) {
		throw new NotFoundError();
	}
	return g;
}

/** Places as the database holds them: person key → place, with the hand-pinned keys. */
export function previousPlaces<R extends { person_key: string; pinned: number }, P>(
	rows: readonly R[],
	place: (row: R) => P
): { previous: Map<string, P>; pinned: Set<string> } {
	return {
		previous: new Map(rows.map((r) => [r.person_key, place(r)])),
		pinned: new Set(rows.filter((r) => r.pinned === 1).map((r) => r.person_key))
	};
}

/**
 * Writes a new placement over the previous one, touching only what changed: people no longer
 * placed lose their row, people whose place changed (or who are new) get theirs written with
 * their pin kept. Returns how many were newly placed.
 */
export async function writePlacement<P>(args: {
	previous: ReadonlyMap<string, P>;
	next: ReadonlyMap<string, P>;
	pinned: ReadonlySet<string>;
	same: (a: P, b: P) => boolean;
	remove: (keys: string[]) => Promise<void>;
	write: (key: string, place: P, pinned: boolean) => Promise<void>;
}): Promise<number> {
	await args.remove([...args.previous.keys()].filter((k) => !args.next.has(k)));
	let placed = 0;
	for (const [key, place] of args.next) {
		const was = args.previous.get(key);
		if (was === undefined || !args.same(was, place)) {
			placed += was === undefined ? 1 : 0;
			await args.write(key, place, args.pinned.has(key));
		}
	}
	return placed;
}

/** Records a run (tours assigned, tables seated) in the gathering's activity. */
export async function recordPlacement(
	db: Executor,
	gatheringId: number,
	userId: number | null,
	action: string,
	summary: Record<string, number>
): Promise<void> {
	await recordActivity(db, {
		user_id: userId,
		action,
		subject_type: 'gathering',
		subject_id: gatheringId,
		gathering_id: gatheringId,
		details: summary
	});
}

/** People's names joined the way the page says them. */
export function namesOf(byKey: ReadonlyMap<string, Attendee>, keys: readonly string[]): string {
	return keys.map((k) => byKey.get(k)?.name ?? k).join('、');
}

/**
 * The rules tours and seating both report (nobody could take these people; an account split;
 * pins holding a group or table over its size), as the page shows them; null for other rules.
 */
export function sharedBreachView(
	b: { rule: string; keys?: string[] },
	byKey: ReadonlyMap<string, Attendee>,
	placeName: string
): BreachView | null {
	const keys = b.keys ?? [];
	switch (b.rule) {
		case 'capacity':
			return { rule: 'capacity', names: namesOf(byKey, keys), group: '', company: '' };
		case 'account_together':
			return {
				rule: 'account_together',
				names: namesOf(byKey, keys),
				group: '',
				company: byKey.get(keys[0])?.company ?? ''
			};
		case 'pinned_over_capacity':
			return {
				rule: 'pinned_over_capacity',
				names: namesOf(byKey, keys),
				group: placeName,
				company: ''
			};
		default:
			return null;
	}
}
