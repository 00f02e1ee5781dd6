import { z } from 'zod';
import type { Db, Executor } from '../db';
import { DomainError, NotFoundError } from '../errors';
import { listAttendees } from './attendees';
import {
	previousPlaces,
	recordPlacement,
	requireGatheringRow,
	sharedBreachView,
	writePlacement
} from './placement';
import * as repo from './seating-repository';
import { getState, updateState } from './state-repository';
import { checkbox, intIn, requiredText } from './schema';
import {
	inviteeKey,
	isHostRole,
	TIER_RANK,
	unitOf,
	type Attendee
} from '$lib/domain/program/people';
import {
	assignSeats,
	ENTRANCES,
	guestRank,
	seatOrder,
	seatingBreaches,
	tableOrder,
	type Entrance,
	type SeatingBreach,
	type SeatPerson,
	type TableSpec
} from '$lib/domain/program/seating';
import type { BreachView } from '$lib/domain/program/breaches';

export const tableSchema = z.object({
	id: z.coerce.number().int().positive().optional().catch(undefined),
	name: requiredText(40),
	seats: intIn(1, 30),
	is_head: checkbox,
	grid_row: intIn(0, 30),
	grid_col: intIn(0, 30)
});
export type TableInput = z.output<typeof tableSchema>;

export const PERSON_KEY = /^i\d+(c\d+)?$/;

/** Attendees as the seating rules see them: our people by seniority, guests by precedence. */
export function toSeatPeople(
	attendees: Attendee[],
	designatedInviteeId: number | null
): SeatPerson[] {
	return attendees.map((a, index) => ({
		key: a.key,
		unit: unitOf(a),
		host: isHostRole(a.role),
		rank: isHostRole(a.role)
			? a.seniority
			: guestRank(index, {
					tierRank: a.tier ? TIER_RANK[a.tier] : 3,
					sales: a.accountSales,
					designated: a.role === 'guest' && a.inviteeId === designatedInviteeId,
					companion: a.role === 'companion'
				})
	}));
}

const entranceOf = (stored: string): Entrance =>
	(ENTRANCES as string[]).includes(stored) ? (stored as Entrance) : 'bottom';

const toSpec = (t: Awaited<ReturnType<typeof repo.listTables>>[number]): TableSpec => ({
	id: t.id,
	seats: t.seats,
	head: t.is_head === 1,
	row: t.grid_row,
	col: t.grid_col
});

/** Everything the seating page shows: the plan, each table's people by seat, breaches. */
export async function loadSeating(db: Executor, gatheringId: number) {
	await requireGatheringRow(db, gatheringId);
	const [tables, seats, pairs, attendees, state] = await Promise.all([
		repo.listTables(db, gatheringId),
		repo.listSeats(db, gatheringId),
		repo.listKeepApart(db, gatheringId),
		listAttendees(db, gatheringId),
		getState(db, gatheringId)
	]);
	const entrance = entranceOf(state.entrance);
	const byKey = new Map(attendees.map((a) => [a.key, a]));
	const seatOf = new Map(
		seats.filter((s) => byKey.has(s.person_key)).map((s) => [s.person_key, s])
	);
	const order = tableOrder(tables.map(toSpec), entrance);
	const rankOf = new Map(order.map((t, i) => [t.id, i + 1]));
	const nameOf = (id: number) => tables.find((t) => t.id === id)?.name ?? '';
	const people = toSeatPeople(attendees, state.designated_invitee_id);
	const breaches = seatingBreaches(
		tables.map(toSpec),
		people,
		new Map([...seatOf].map(([k, s]) => [k, { tableId: s.table_id, seat: s.seat }])),
		[],
		pairs.map((p) => [p.person_a, p.person_b])
	);
	return {
		entrance,
		tables: tables.map((t) => ({
			id: t.id,
			name: t.name,
			seats: t.seats,
			isHead: t.is_head === 1,
			row: t.grid_row,
			col: t.grid_col,
			rank: rankOf.get(t.id) ?? 0,
			people: attendees
				.filter((a) => seatOf.get(a.key)?.table_id === t.id)
				.map((a) => ({
					...personView(a),
					seat: seatOf.get(a.key)!.seat,
					pinned: seatOf.get(a.key)!.pinned === 1
				}))
				.sort((a, b) => a.seat - b.seat)
		})),
		unseated: attendees.filter((a) => !seatOf.has(a.key)).map(personView),
		everyone: attendees.map(personView),
		keepApart: pairs.map((p) => ({
			a: p.person_a,
			b: p.person_b,
			aName: byKey.get(p.person_a)?.name ?? p.person_a,
			bName: byKey.get(p.person_b)?.name ?? p.person_b
		})),
		breaches: describeSeatingBreaches(breaches, byKey, nameOf)
	};
}

function personView(a: Attendee) {
	return {
		key: a.key,
		name: a.name,
		nameLatin: a.nameLatin,
		company: a.company,
		role: a.role,
		title: a.title
	};
}

function describeSeatingBreaches(
	breaches: SeatingBreach[],
	byKey: Map<string, Attendee>,
	nameOf: (id: number) => string
): BreachView[] {
	return breaches.map((b) => {
		switch (b.rule) {
			case 'keep_apart':
				return {
					rule: b.rule,
					names: b.keys.map((k) => byKey.get(k)?.name ?? k).join('、'),
					group: nameOf(b.tableId),
					company: ''
				};
			case 'no_host':
				return { rule: b.rule, names: '', group: nameOf(b.tableId), company: '' };
			default:
				return sharedBreachView(b, byKey, 'tableId' in b ? nameOf(b.tableId) : '')!;
		}
	});
}

export async function saveTable(db: Db, gatheringId: number, input: TableInput): Promise<number> {
	return db.transaction().execute(async (trx) => {
		await requireGatheringRow(trx, gatheringId);
		const tables = await repo.listTables(trx, gatheringId);
		if (tables.some((t) => t.name === input.name && t.id !== input.id)) {
			throw new DomainError('program_error_table_name');
		}
		const values = {
			name: input.name,
			seats: input.seats,
			// The first table is the head table until another is marked.
			is_head:
				input.is_head || tables.length === 0 || (tables.length === 1 && tables[0].id === input.id)
					? 1
					: 0,
			grid_row: input.grid_row,
			grid_col: input.grid_col
		};
		let id = input.id;
		if (id) {
			if ((await repo.updateTable(trx, gatheringId, id, values)) === 0) {
				throw new NotFoundError();
			}
		} else {
			id = await repo.insertTable(trx, { ...values, gathering_id: gatheringId });
		}
		if (values.is_head) {
			await repo.clearHead(trx, gatheringId, id);
		}
		return id;
	});
}

export async function removeTable(db: Db, gatheringId: number, id: number): Promise<void> {
	if ((await repo.deleteTable(db, gatheringId, id)) === 0) {
		throw new NotFoundError();
	}
}

/** Lays out `count` tables of `seats` on a grid `cols` wide, the head table first at the front. */
export async function addTables(
	db: Db,
	gatheringId: number,
	count: number,
	seats: number,
	cols: number
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const existing = await repo.listTables(trx, gatheringId);
		const used = new Set(existing.map((t) => t.name));
		const startRow = existing.length === 0 ? 1 : Math.max(...existing.map((t) => t.grid_row)) + 1;
		let n = 1;
		for (let i = 0; i < count; i += 1) {
			while (used.has(String(n))) {
				n += 1;
			}
			used.add(String(n));
			// The head table alone in the front row, the others in rows behind it.
			const first = existing.length === 0 && i === 0;
			const k = existing.length === 0 ? i - 1 : i;
			await repo.insertTable(trx, {
				gathering_id: gatheringId,
				name: String(n),
				seats,
				is_head: first ? 1 : 0,
				grid_row: first ? 0 : startRow + Math.floor(k / cols),
				grid_col: first ? Math.floor((cols - 1) / 2) : k % cols
			});
		}
	});
}

export async function setEntrance(db: Db, gatheringId: number, entrance: Entrance): Promise<void> {
	await updateState(db, gatheringId, { entrance });
}

export interface SeatSummary {
	placed: number;
	moved: number;
	unseated: number;
}

/** Seats everyone by precedence and writes only what changed; pinned people stay put. */
export async function autoSeat(
	db: Db,
	gatheringId: number,
	userId: number | null
): Promise<SeatSummary> {
	return db.transaction().execute(async (trx) => {
		await requireGatheringRow(trx, gatheringId);
		const [tables, seats, pairs, attendees, state] = await Promise.all([
			repo.listTables(trx, gatheringId),
			repo.listSeats(trx, gatheringId),
			repo.listKeepApart(trx, gatheringId),
			listAttendees(trx, gatheringId),
			getState(trx, gatheringId)
		]);
		if (tables.length === 0) {
			throw new DomainError('program_error_no_tables');
		}
		const { previous, pinned } = previousPlaces(seats, (s) => ({
			tableId: s.table_id,
			seat: s.seat
		}));
		const result = assignSeats({
			tables: tables.map(toSpec),
			people: toSeatPeople(attendees, state.designated_invitee_id),
			entrance: entranceOf(state.entrance),
			previous,
			pinned,
			keepApart: pairs.map((p) => [p.person_a, p.person_b])
		});
		const placed = await writePlacement({
			previous,
			next: result.seats,
			pinned,
			same: (a, b) => a.tableId === b.tableId && a.seat === b.seat,
			remove: (keys) => repo.removeSeats(trx, gatheringId, keys),
			write: (key, s, pin) => repo.setSeat(trx, gatheringId, key, s.tableId, s.seat, pin)
		});
		const summary = { placed, moved: result.moved.length, unseated: result.unseated.length };
		await recordPlacement(trx, gatheringId, userId, 'program.seated', summary);
		return summary;
	});
}

/**
 * A move by hand: the person takes the chosen seat (or the best free one) and is pinned; whoever
 * sat there takes the person's old place, so nobody is left without a seat.
 */
export async function moveToSeat(
	db: Db,
	gatheringId: number,
	personKey: string,
	tableId: number | null,
	seat: number | null
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const attendees = await listAttendees(trx, gatheringId);
		const person = attendees.find((a) => a.key === personKey);
		if (!person) {
			throw new NotFoundError();
		}
		if (tableId === null) {
			await repo.removeSeats(trx, gatheringId, [personKey]);
			return;
		}
		const table = (await repo.listTables(trx, gatheringId)).find((t) => t.id === tableId);
		if (!table) {
			throw new NotFoundError();
		}
		const seats = await repo.listSeats(trx, gatheringId);
		const mine = seats.find((s) => s.person_key === personKey);
		const here = seats.filter((s) => s.table_id === tableId && s.person_key !== personKey);
		const order = seatOrder(table.seats);
		const target =
			seat ??
			(isHostRole(person.role) ? order.host : order.guest).find(
				(n) => !here.some((s) => s.seat === n)
			);
		if (!target || target < 1 || target > table.seats) {
			throw new DomainError('program_error_table_full');
		}
		const occupant = here.find((s) => s.seat === target);
		if (occupant) {
			if (mine) {
				await repo.setSeat(
					trx,
					gatheringId,
					occupant.person_key,
					mine.table_id,
					mine.seat,
					occupant.pinned === 1
				);
			} else {
				await repo.removeSeats(trx, gatheringId, [occupant.person_key]);
			}
		}
		await repo.setSeat(trx, gatheringId, personKey, tableId, target, true);
	});
}

export async function unpinSeat(db: Db, gatheringId: number, personKey: string): Promise<void> {
	const s = (await repo.listSeats(db, gatheringId)).find((x) => x.person_key === personKey);
	if (s) {
		await repo.setSeat(db, gatheringId, personKey, s.table_id, s.seat, false);
	}
}

export async function keepApart(db: Db, gatheringId: number, a: string, b: string): Promise<void> {
	if (a === b) {
		throw new DomainError('program_error_keep_apart_same');
	}
	const keys = new Set((await listAttendees(db, gatheringId)).map((p) => p.key));
	if (!keys.has(a) || !keys.has(b)) {
		throw new NotFoundError();
	}
	await repo.addKeepApart(db, gatheringId, a, b);
}

export async function dropKeepApart(
	db: Db,
	gatheringId: number,
	a: string,
	b: string
): Promise<void> {
	await repo.removeKeepApart(db, gatheringId, a, b);
}

/** One invitee's table and seat, for their RSVP page. */
export async function seatOfInvitee(
	db: Executor,
	gatheringId: number,
	inviteeId: number
): Promise<{ table: string; seat: number } | null> {
	return (await repo.findSeat(db, gatheringId, inviteeKey(inviteeId))) ?? null;
}
