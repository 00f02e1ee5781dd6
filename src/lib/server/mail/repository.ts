import { caseInsensitiveContains, indexedBy } from '../db/sql';
import { sql } from 'kysely';
import type { Executor } from '../db';
import type { OutboxMessage, OutboxStatus } from '../db/schema';
import { inTransaction } from '../accounts/transaction';
import { nowIso } from '../time';

/**
 * Claims up to `limit` due messages for `owner` until `leaseUntil`, in one UPDATE … RETURNING.
 * SQLite runs a write statement under the database's write lock from its first step, so the
 * rows chosen by the subquery cannot be claimed by another connection or process in between:
 * two workers never hold the same message. A lease that ran out (its worker died) is due again.
 * The search runs in the partial index outbox_claimable alone (named, since the planner would
 * take outbox_due and read every leased candidate's wide row to see its lease).
 */
export async function claimDueMessages(
	db: Executor,
	owner: string,
	now: string,
	leaseUntil: string,
	limit: number
): Promise<OutboxMessage[]> {
	const result = await sql<OutboxMessage>`
		update outbox_message
		set lease_owner = ${owner}, lease_until = ${leaseUntil}, attempts = attempts + 1
		where id in (
			select id from ${indexedBy('outbox_message', 'outbox_claimable')}
			where status = 'queued' and next_attempt_at <= ${now}
				and (lease_until is null or lease_until < ${now})
			order by next_attempt_at, id
			limit ${limit}
		)
		returning *`.execute(db);
	// RETURNING gives no order guarantee; send oldest first.
	return result.rows.sort((a, b) => a.id - b.id);
}

/**
 * Gives back claims that were never handed to the server (a worker stopping, or pausing while
 * the server is down): due again at once, and the claim's attempt is not counted.
 */
export async function releaseClaims(
	db: Executor,
	ids: number[],
	owner: string,
	leaseUntil: string[]
) {
	if (ids.length === 0) {
		return;
	}
	await db
		.updateTable('outbox_message')
		.set((eb) => ({
			lease_owner: null,
			lease_until: null,
			attempts: eb('attempts', '-', 1)
		}))
		.where('id', 'in', ids)
		.where('lease_owner', '=', owner)
		// That very claim (its lease, or the value a renewal racing this replaced): the same
		// worker may have claimed the message again since.
		.where('lease_until', 'in', leaseUntil)
		.where('status', '=', 'queued')
		.execute();
}

/** Extends the leases `owner` still holds on `ids` (the worker renews while it sends). */
export async function renewLeases(db: Executor, ids: number[], owner: string, leaseUntil: string) {
	if (ids.length === 0) {
		return;
	}
	await db
		.updateTable('outbox_message')
		.set({ lease_until: leaseUntil })
		.where('id', 'in', ids)
		.where('lease_owner', '=', owner)
		.where('status', '=', 'queued')
		.execute();
}

/**
 * Attachments with their bytes. A card shared by a campaign's messages is stored once
 * (mail_blob) and named by blob_id; every other attachment holds its own content.
 */
function attachmentsWithContent(db: Executor) {
	return db
		.selectFrom('outbox_attachment')
		.leftJoin('mail_blob', 'mail_blob.id', 'outbox_attachment.blob_id')
		.select([
			'outbox_attachment.id',
			'outbox_attachment.message_id',
			'outbox_attachment.filename',
			'outbox_attachment.content_type',
			sql<Buffer>`coalesce(mail_blob.content, outbox_attachment.content)`.as('content')
		]);
}

export async function attachmentsFor(db: Executor, messageIds: number[]) {
	if (messageIds.length === 0) {
		return [];
	}
	return attachmentsWithContent(db)
		.select('outbox_attachment.content_id')
		.where('outbox_attachment.message_id', 'in', messageIds)
		.orderBy('outbox_attachment.id')
		.execute();
}

/**
 * Marks messages sent, several in one statement (the worker settles its sends in batches). Only
 * the lease holder may settle a message; a worker that lost its lease changes nothing.
 */
export async function markSent(db: Executor, ids: number[], owner: string, now: string) {
	if (ids.length === 0) {
		return;
	}
	await db
		.updateTable('outbox_message')
		.set({ status: 'sent', sent_at: now, lease_owner: null, lease_until: null, last_error: null })
		.where('id', 'in', ids)
		.where('lease_owner', '=', owner)
		.execute();
}

export async function markRetry(
	db: Executor,
	id: number,
	owner: string,
	nextAttemptAt: string,
	error: string
) {
	await db
		.updateTable('outbox_message')
		.set({
			next_attempt_at: nextAttemptAt,
			lease_owner: null,
			lease_until: null,
			last_error: error
		})
		.where('id', '=', id)
		.where('lease_owner', '=', owner)
		.execute();
}

/**
 * Settles a message as failed (by the lease holder only). A hard bounce also records its address
 * as bounced, in the same transaction: greetings leave that address out from then on.
 */
export async function markFailed(
	db: Executor,
	id: number,
	owner: string,
	error: string,
	bounce = false
) {
	await inTransaction(db, async (trx) => {
		const failed = await trx
			.updateTable('outbox_message')
			.set({ status: 'failed', lease_owner: null, lease_until: null, last_error: error })
			.where('id', '=', id)
			.where('lease_owner', '=', owner)
			.returning('to_address')
			.executeTakeFirst();
		if (failed && bounce) {
			await trx
				.insertInto('email_bounce')
				.values({
					address: failed.to_address.toLowerCase(),
					reply: error,
					outbox_message_id: id,
					bounced_at: nowIso()
				})
				.onConflict((oc) =>
					oc.column('address').doUpdateSet((eb) => ({
						reply: eb.ref('excluded.reply'),
						outbox_message_id: eb.ref('excluded.outbox_message_id'),
						bounced_at: eb.ref('excluded.bounced_at')
					}))
				)
				.execute();
		}
	});
}

/** A failed message goes back in the queue, due now, with a fresh back-off. */
export async function requeueFailed(db: Executor, id: number, now: string): Promise<boolean> {
	const result = await db
		.updateTable('outbox_message')
		.set({
			status: 'queued',
			attempts: 0,
			next_attempt_at: now,
			lease_owner: null,
			lease_until: null
		})
		.where('id', '=', id)
		.where('status', '=', 'failed')
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

export interface OutboxListQuery {
	status: OutboxStatus | null;
	kind: string | null;
	q: string | null;
	page: number;
	perPage: number;
}

export async function listMessages(db: Executor, query: OutboxListQuery) {
	let base = db.selectFrom('outbox_message');
	if (query.status) {
		base = base.where('status', '=', query.status);
	}
	if (query.kind) {
		base = base.where('kind', '=', query.kind);
	}
	if (query.q) {
		const q = query.q;
		base = base.where((eb) =>
			eb.or([
				caseInsensitiveContains(sql.ref('to_address'), q),
				caseInsensitiveContains(sql`coalesce(to_name, '')`, q)
			])
		);
	}
	const { total } = await base
		.select((eb) => eb.fn.countAll<number>().as('total'))
		.executeTakeFirstOrThrow();
	const rows = await base
		.select([
			'id',
			'kind',
			'status',
			'to_address',
			'to_name',
			'subject',
			'attempts',
			'last_error',
			'next_attempt_at',
			'lease_owner',
			'lease_until',
			'sent_at',
			'created_at',
			'locale'
		])
		.orderBy('id', 'desc')
		.limit(query.perPage)
		.offset((query.page - 1) * query.perPage)
		.execute();
	return { total: Number(total), rows };
}

export async function countByStatus(db: Executor): Promise<Record<OutboxStatus, number>> {
	const rows = await db
		.selectFrom('outbox_message')
		.select(['status', (eb) => eb.fn.countAll<number>().as('n')])
		.groupBy('status')
		.execute();
	const counts: Record<OutboxStatus, number> = { queued: 0, sent: 0, failed: 0 };
	for (const row of rows) {
		counts[row.status] = Number(row.n);
	}
	return counts;
}

export async function distinctKinds(db: Executor): Promise<string[]> {
	const rows = await db
		.selectFrom('outbox_message')
		.select('kind')
		.distinct()
		.orderBy('kind')
		.execute();
	return rows.map((r) => r.kind);
}

export async function findMessage(db: Executor, id: number) {
	return db.selectFrom('outbox_message').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function attachmentList(db: Executor, messageId: number) {
	return db
		.selectFrom('outbox_attachment')
		.leftJoin('mail_blob', 'mail_blob.id', 'outbox_attachment.blob_id')
		.select([
			'outbox_attachment.id',
			'outbox_attachment.filename',
			'outbox_attachment.content_type',
			sql<number>`length(coalesce(mail_blob.content, outbox_attachment.content))`.as('size')
		])
		.where('outbox_attachment.message_id', '=', messageId)
		.orderBy('outbox_attachment.id')
		.execute();
}

/** The parts a message's HTML shows inline (cid:), with their content. */
export async function inlineParts(db: Executor, messageId: number) {
	return db
		.selectFrom('outbox_attachment')
		.leftJoin('mail_blob', 'mail_blob.id', 'outbox_attachment.blob_id')
		.select([
			'outbox_attachment.content_id as contentId',
			'outbox_attachment.content_type as contentType',
			sql<Buffer>`coalesce(mail_blob.content, outbox_attachment.content)`.as('content')
		])
		.where('outbox_attachment.message_id', '=', messageId)
		.where('outbox_attachment.content_id', 'is not', null)
		.$narrowType<{ contentId: string }>()
		.execute();
}

export async function findAttachment(db: Executor, messageId: number, id: number) {
	return attachmentsWithContent(db)
		.where('outbox_attachment.message_id', '=', messageId)
		.where('outbox_attachment.id', '=', id)
		.executeTakeFirst();
}
