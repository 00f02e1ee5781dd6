import { effectiveTier } from '../accounts/effective-tier';
import {
	sql,
	type ExpressionBuilder,
	type Expression,
	type Insertable,
	type SqlBool,
	type Updateable
} from 'kysely';
import type { Executor } from '../db';
import type { CampaignTable, Channel, DB, Locale, Tier } from '../db/schema';
import type { LedgerState } from '$lib/domain/greetings';
import { accountMatches } from '../accounts/repository';

export interface AudienceFilter {
	tier?: Tier;
	channel?: Channel;
	accountId?: number;
	ownerUserId?: number;
	tag?: string;
	locale?: Locale;
	/** Nobody by filter: only contacts added by hand (a greeting for one person's birthday). */
	manualOnly?: boolean;
}

const accountTier = effectiveTier('account');

function filterMatches(
	eb: ExpressionBuilder<DB, 'contact' | 'account'>,
	filter: AudienceFilter
): Expression<SqlBool> {
	if (filter.manualOnly) {
		return sql<SqlBool>`0`;
	}
	const conditions: Expression<SqlBool>[] = [accountMatches(eb, filter)];
	if (filter.accountId) {
		conditions.push(eb('account.id', '=', filter.accountId));
	}
	if (filter.locale) {
		conditions.push(eb('contact.locale', '=', filter.locale));
	}
	return eb.and(conditions);
}

/**
 * The campaign's audience: contacts matching the filter, minus those removed by hand, plus those
 * added by hand; with what a greeting needs and what decides whether one can go.
 */
export function audienceQuery(db: Executor, campaignId: number, filter: AudienceFilter) {
	return db
		.selectFrom('contact')
		.innerJoin('account', 'account.id', 'contact.account_id')
		.leftJoin('campaign_audience_edit as edit', (join) =>
			join.onRef('edit.contact_id', '=', 'contact.id').on('edit.campaign_id', '=', campaignId)
		)
		.where((eb) =>
			eb.or([
				eb.and([
					filterMatches(eb, filter),
					eb(eb.fn.coalesce('edit.included', sql.lit(1)), '=', 1)
				]),
				eb('edit.included', '=', 1)
			])
		);
}

export function listAudience(db: Executor, campaignId: number, filter: AudienceFilter) {
	return audienceQuery(db, campaignId, filter)
		.select([
			'contact.id',
			'contact.name',
			'contact.name_latin',
			'contact.email',
			'contact.locale',
			'contact.time_zone',
			'contact.greeting_opt_out',
			'account.name as company',
			accountTier.as('tier'),
			'edit.included'
		])
		.orderBy('account.name_sort')
		.orderBy('contact.name_pinyin')
		.execute();
}

/**
 * Addresses a receiving server refused for good (a hard bounce: 5xx at RCPT TO or DATA, recorded
 * by the mail worker), lower case, with the server's reply.
 */
export async function bouncedAddresses(db: Executor): Promise<Map<string, string>> {
	const rows = await db.selectFrom('email_bounce').select(['address', 'reply']).execute();
	return new Map(rows.map((r) => [r.address, r.reply]));
}

export function findCampaign(db: Executor, id: number) {
	return db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();
}

type NewCampaign = Insertable<CampaignTable>;
type CampaignUpdate = Updateable<CampaignTable>;

export async function insertCampaign(db: Executor, values: NewCampaign): Promise<number> {
	const row = await db
		.insertInto('campaign')
		.values(values)
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function updateCampaignRow(db: Executor, id: number, values: CampaignUpdate) {
	await db.updateTable('campaign').set(values).where('id', '=', id).execute();
}

/** Changes the status only from one of `from`; undefined when the campaign was in none of them. */
export function changeStatus(
	db: Executor,
	id: number,
	from: CampaignUpdate['status'][],
	values: CampaignUpdate
) {
	return db
		.updateTable('campaign')
		.set(values)
		.where('id', '=', id)
		.where('status', 'in', from as NonNullable<CampaignUpdate['status']>[])
		.returning('id')
		.executeTakeFirst();
}

export async function upsertTemplate(
	db: Executor,
	campaignId: number,
	locale: Locale,
	subject: string,
	body: string
) {
	await db
		.insertInto('campaign_template')
		.values({
			campaign_id: campaignId,
			locale,
			subject,
			body,
			card_text: null,
			card_design: null,
			card_png: null
		})
		.onConflict((oc) => oc.columns(['campaign_id', 'locale']).doUpdateSet({ subject, body }))
		.execute();
}

export async function deleteTemplate(db: Executor, campaignId: number, locale: Locale) {
	await db
		.deleteFrom('campaign_template')
		.where('campaign_id', '=', campaignId)
		.where('locale', '=', locale)
		.execute();
}

/** Sets a language's card; false when the campaign has no template in that language. */
export async function updateTemplateCard(
	db: Executor,
	campaignId: number,
	locale: Locale,
	values: { card_png: Buffer | null; card_text: string | null; card_design: string | null }
): Promise<boolean> {
	const result = await db
		.updateTable('campaign_template')
		.set(values)
		.where('campaign_id', '=', campaignId)
		.where('locale', '=', locale)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

export function listCampaigns(db: Executor) {
	return db
		.selectFrom('campaign')
		.select([
			'id',
			'name',
			'occasion',
			'occasion_date',
			'status',
			'send_mode',
			'send_at',
			'send_date',
			'send_zone',
			'started_at',
			'finished_at',
			'created_at'
		])
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
}

export function listTemplates(db: Executor, campaignId: number) {
	return db
		.selectFrom('campaign_template')
		.select([
			'locale',
			'subject',
			'body',
			'card_text',
			'card_design',
			sql<number | null>`length(card_png)`.as('card_size')
		])
		.where('campaign_id', '=', campaignId)
		.execute();
}

export function findCard(db: Executor, campaignId: number, locale: Locale) {
	return db
		.selectFrom('campaign_template')
		.select(['card_png', 'card_text'])
		.where('campaign_id', '=', campaignId)
		.where('locale', '=', locale)
		.executeTakeFirst();
}

export async function setAudienceEdit(
	db: Executor,
	campaignId: number,
	contactId: number,
	included: boolean
) {
	await db
		.insertInto('campaign_audience_edit')
		.values({ campaign_id: campaignId, contact_id: contactId, included: included ? 1 : 0 })
		.onConflict((oc) =>
			oc.columns(['campaign_id', 'contact_id']).doUpdateSet({ included: included ? 1 : 0 })
		)
		.execute();
}

/** Counts of the ledger by what became of each greeting (the outbox's status for queued ones). */
export async function ledgerCounts(db: Executor, campaignId: number) {
	const rows = await db
		.selectFrom('campaign_recipient as r')
		.leftJoin('outbox_message as o', 'o.id', 'r.outbox_message_id')
		.select([
			sql<string>`case when r.state = 'queued' then coalesce(o.status, 'queued') else r.state end`.as(
				'state'
			),
			(eb) => eb.fn.countAll<number>().as('n')
		])
		.where('r.campaign_id', '=', campaignId)
		.groupBy(sql`1`)
		.execute();
	const counts = { pending: 0, queued: 0, sent: 0, failed: 0, skipped: 0, unsubscribed: 0 };
	for (const row of rows) {
		counts[row.state as keyof typeof counts] = Number(row.n);
	}
	return counts;
}

/** The ledger, one line per recipient, for the report and its CSV. */
export function ledgerLines(db: Executor, campaignId: number, limit?: number) {
	let query = db
		.selectFrom('campaign_recipient as r')
		.innerJoin('contact', 'contact.id', 'r.contact_id')
		.innerJoin('account', 'account.id', 'contact.account_id')
		.leftJoin('outbox_message as o', 'o.id', 'r.outbox_message_id')
		.select([
			'r.id',
			'r.contact_id',
			'contact.name',
			'contact.email',
			'contact.locale',
			'account.name as company',
			sql<LedgerState>`case when r.state = 'queued' then coalesce(o.status, 'queued') else r.state end`.as(
				'state'
			),
			'r.reason',
			'r.due_at',
			'r.queued_at',
			'o.message_id',
			'o.sent_at',
			'o.last_error',
			'o.to_address'
		])
		.where('r.campaign_id', '=', campaignId)
		.orderBy('r.id');
	if (limit) {
		query = query.limit(limit);
	}
	return query.execute();
}
