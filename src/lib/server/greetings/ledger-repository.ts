import { indexedBy } from '../db/sql';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../db';
import type { Campaign, CampaignRecipientTable } from '../db/schema';
import type { SkipReason } from '$lib/domain/greetings';
import type { Insertable } from 'kysely';
import { audienceQuery, type AudienceFilter } from './campaign-repository';

/** The ledger's queries: a line per campaign and contact (campaign_recipient). */

/** New ledger lines; a contact's existing line stays as it is. Returns how many were added. */
export async function insertLedgerLines(
	db: Executor,
	rows: Insertable<CampaignRecipientTable>[]
): Promise<number> {
	let added = 0;
	// 7 values a row; SQLite allows 32,766 variables a statement.
	for (let i = 0; i < rows.length; i += 2000) {
		const result = await db
			.insertInto('campaign_recipient')
			.values(rows.slice(i, i + 2000))
			.onConflict((oc) => oc.columns(['campaign_id', 'contact_id']).doNothing())
			.executeTakeFirst();
		added += Number(result.numInsertedOrUpdatedRows ?? 0);
	}
	return added;
}

/** Pending lines of contacts who left the audience are skipped as removed; those back, pending. */
export async function followAudience(
	db: Executor,
	campaignId: number,
	filter: AudienceFilter,
	now: string
) {
	await db
		.updateTable('campaign_recipient')
		.set({ state: 'skipped', reason: 'removed', updated_at: now })
		.where('campaign_id', '=', campaignId)
		.where('state', '=', 'pending')
		.where('contact_id', 'not in', audienceQuery(db, campaignId, filter).select('contact.id'))
		.execute();
	await db
		.updateTable('campaign_recipient')
		.set({ state: 'pending', reason: null, updated_at: now })
		.where('campaign_id', '=', campaignId)
		.where('state', '=', 'skipped')
		.where('reason', '=', 'removed')
		.where('contact_id', 'in', audienceQuery(db, campaignId, filter).select('contact.id'))
		.execute();
}

/**
 * Deletes the campaign's outbox messages nobody has claimed; their lines are pending again.
 * Returns how many.
 */
export async function deleteUnclaimed(
	db: Executor,
	campaignId: number,
	now: string
): Promise<number> {
	const deleted = await sql<{ id: number }>`
		delete from outbox_message
		where campaign_id = ${campaignId} and status = 'queued' and lease_owner is null
		returning id`.execute(db);
	if (deleted.rows.length === 0) {
		return 0;
	}
	// The foreign key set their lines' outbox_message_id to null.
	await db
		.updateTable('campaign_recipient')
		.set({ state: 'pending', queued_at: null, updated_at: now })
		.where('campaign_id', '=', campaignId)
		.where('state', '=', 'queued')
		.where('outbox_message_id', 'is', null)
		.execute();
	return deleted.rows.length;
}

/** Cancelling: what is still pending is skipped as cancelled. */
export async function skipPending(db: Executor, campaignId: number, now: string) {
	await db
		.updateTable('campaign_recipient')
		.set({ state: 'skipped', reason: 'cancelled', updated_at: now })
		.where('campaign_id', '=', campaignId)
		.where('state', '=', 'pending')
		.execute();
}

/** A card's PNG stored once however many messages name it; returns its mail_blob id. */
export async function storeBlob(db: Executor, content: Buffer): Promise<number> {
	const sha256 = createHash('sha256').update(content).digest('hex');
	await db
		.insertInto('mail_blob')
		.values({ sha256, content })
		.onConflict((oc) => oc.column('sha256').doNothing())
		.execute();
	const row = await db
		.selectFrom('mail_blob')
		.select('id')
		.where('sha256', '=', sha256)
		.executeTakeFirstOrThrow();
	return row.id;
}

export function templatesWithCards(db: Executor, campaignId: number) {
	return db
		.selectFrom('campaign_template')
		.select(['locale', 'subject', 'body', 'card_png', 'card_text'])
		.where('campaign_id', '=', campaignId)
		.execute();
}

export async function findSender(db: Executor, userId: number) {
	return (
		(await db
			.selectFrom('user')
			.select(['name', 'email'])
			.where('id', '=', userId)
			.executeTakeFirst()) ?? null
	);
}

/** What a greeting needs of its recipient (contact, account and account manager). */
const RECIPIENT_COLUMNS = [
	'contact.id as contact_id',
	'contact.name',
	'contact.name_latin',
	'contact.salutation',
	'contact.email',
	'contact.locale',
	'account.name as company',
	'account.name_en as company_en',
	'owner.name as owner_name',
	'owner.email as owner_email'
] as const;

/** A contact's line as composeGreeting needs it (preview, test send). */
export function recipientLine(db: Executor, contactId: number) {
	return db
		.selectFrom('contact')
		.innerJoin('account', 'account.id', 'contact.account_id')
		.leftJoin('user as owner', 'owner.id', 'account.owner_user_id')
		.select(RECIPIENT_COLUMNS)
		.where('contact.id', '=', contactId)
		.executeTakeFirst();
}

/**
 * Pending greetings due now, with what their message needs. The ids come from the partial index
 * of pending lines in its own order (so LIMIT stops early): the planner would otherwise take the
 * campaign's unique index and read and sort every line, sent ones too, for every batch.
 */
export async function dueLines(trx: Executor, campaignIds: number[], now: string, limit: number) {
	const due = await sql<{ id: number }>`
		select id from ${indexedBy('campaign_recipient', 'campaign_recipient_due')}
		where state = 'pending' and due_at <= ${now} and campaign_id in (${sql.join(campaignIds)})
		order by due_at, campaign_id, id
		limit ${limit}`.execute(trx);
	if (due.rows.length === 0) {
		return [];
	}
	return trx
		.selectFrom('campaign_recipient as r')
		.innerJoin('contact', 'contact.id', 'r.contact_id')
		.innerJoin('account', 'account.id', 'contact.account_id')
		.leftJoin('user as owner', 'owner.id', 'account.owner_user_id')
		.select(['r.id', 'r.campaign_id', 'r.sender_domain', 'contact.greeting_opt_out'])
		.select(RECIPIENT_COLUMNS)
		.where(
			'r.id',
			'in',
			due.rows.map((r) => r.id)
		)
		.orderBy('r.due_at')
		.orderBy('r.id')
		.execute();
}

export function sendingCampaigns(db: Executor): Promise<Campaign[]> {
	return db.selectFrom('campaign').selectAll().where('status', '=', 'sending').execute();
}

/** Greetings of a sending domain handed to the outbox since `since` (the rate limit). */
export async function countQueuedSince(db: Executor, domain: string, since: string) {
	const recent = await db
		.selectFrom('campaign_recipient')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('sender_domain', '=', domain)
		.where('queued_at', '>', since)
		.executeTakeFirstOrThrow();
	return Number(recent.n);
}

/**
 * Of these campaigns, those still sending. A write, so the caller's transaction holds the write
 * lock from here on and sees a pause or a cancel committed since it read them.
 */
export async function lockSendingCampaigns(db: Executor, ids: number[]): Promise<number[]> {
	const live = await sql<{ id: number }>`
		update campaign set status = status
		where status = 'sending' and id in (${sql.join(ids)})
		returning id`.execute(db);
	return live.rows.map((r) => r.id);
}

export async function markSkipped(db: Executor, ids: number[], reason: SkipReason, now: string) {
	if (ids.length === 0) {
		return;
	}
	await db
		.updateTable('campaign_recipient')
		.set({ state: reason === 'unsubscribed' ? 'unsubscribed' : 'skipped', reason, updated_at: now })
		.where('id', 'in', ids)
		.execute();
}

/** Pending lines move to queued, each with its outbox row (found by the campaign+contact key). */
export async function markQueued(db: Executor, ids: number[], now: string) {
	if (ids.length === 0) {
		return;
	}
	await db
		.updateTable('campaign_recipient')
		.set((eb) => ({
			state: 'queued',
			queued_at: now,
			updated_at: now,
			outbox_message_id: eb
				.selectFrom('outbox_message')
				.select('outbox_message.id')
				.where(
					'outbox_message.dedupe_key',
					'=',
					sql<string>`'greeting:' || campaign_recipient.campaign_id || ':' || campaign_recipient.contact_id`
				)
		}))
		.where('id', 'in', ids)
		.where('state', '=', 'pending')
		.execute();
}

/** A running campaign with nothing pending and nothing left waiting in the outbox is done. */
export async function finishCampaigns(db: Executor, ids: number[], now: string) {
	await db
		.updateTable('campaign')
		.set({ status: 'done', finished_at: now, updated_at: now })
		.where('id', 'in', ids)
		.where('status', '=', 'sending')
		.where((eb) =>
			eb.not(
				eb.exists(
					eb
						.selectFrom('campaign_recipient as r')
						.leftJoin('outbox_message as o', 'o.id', 'r.outbox_message_id')
						.select('r.id')
						.whereRef('r.campaign_id', '=', 'campaign.id')
						.where((w) =>
							w.or([
								w('r.state', '=', 'pending'),
								w.and([w('r.state', '=', 'queued'), w('o.status', '=', 'queued')])
							])
						)
				)
			)
		)
		.execute();
}
