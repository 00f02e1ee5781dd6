import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../db';
import type { Campaign, Locale } from '../db/schema';
import { config } from '../config';
import { nowIso, addMs, MINUTE } from '../time';
import { generateToken, hashToken } from '../auth/tokens';
import { enqueueMessages, type OutgoingMessage } from '../mail/outbox';
import { zonedToUtcMs } from '../gatherings/zoned';
import { getSettings } from '../settings/service';
import { inTransaction } from '../accounts/transaction';
import type { SkipReason } from '$lib/domain/greetings';
import { audienceQuery, bouncedAddresses, type AudienceFilter } from './campaign-repository';
import { greetingRenderer, CARD_CID } from './render';
import { mergeValuesFor, occasionNames, type Sender } from './merge';

/** Greetings each sending domain may hand to the outbox per minute (0: no limit). */
export function ratePerMinute(): number {
	const value = Number(process.env.GREETING_RATE_PER_MINUTE ?? 600);
	return Number.isFinite(value) && value >= 0 ? value : 600;
}

export function sendingDomain(): string {
	return config.mailFrom.split('@').pop()!.toLowerCase();
}

export function dedupeKey(campaignId: number, contactId: number): string {
	return `greeting:${campaignId}:${contactId}`;
}

/** Why a contact in the audience gets no greeting, or null when one can go. */
export function skipReason(
	contact: { email: string | null; greeting_opt_out: number },
	bounced: Set<string>
): SkipReason | null {
	if (!contact.email) {
		return 'no_email';
	}
	if (contact.greeting_opt_out) {
		return 'unsubscribed';
	}
	if (bounced.has(contact.email.toLowerCase())) {
		return 'bounced';
	}
	return null;
}

/** When a recipient's greeting is due: the campaign's instant, or 09:00 in their own zone. */
export function dueAt(
	campaign: Pick<Campaign, 'send_mode' | 'send_at' | 'send_date'>,
	zone: string
) {
	if (campaign.send_mode === 'fixed') {
		return campaign.send_at!;
	}
	const [y, m, d] = campaign.send_date!.split('-').map(Number);
	return new Date(zonedToUtcMs(y, m, d, 9, 0, zone)).toISOString();
}

/**
 * Writes the audience into the ledger: a line per contact, once per campaign (unique), so a
 * contact added twice, or an audience edited after the start, never gets a second line. Lines
 * still pending for contacts no longer in the audience are skipped as removed; a removed contact
 * put back is pending again. Returns how many lines were added.
 */
export async function materializeLedger(
	trx: Executor,
	campaign: Campaign,
	filter: AudienceFilter
): Promise<number> {
	const now = nowIso();
	const domain = sendingDomain();
	const bounced = await bouncedAddresses(trx);
	const audience = await audienceQuery(trx, campaign.id, filter)
		.select(['contact.id', 'contact.email', 'contact.greeting_opt_out', 'contact.time_zone'])
		.execute();
	const dueByZone = new Map<string, string>();
	const rows = audience.map((c) => {
		let due = dueByZone.get(c.time_zone);
		if (!due) {
			due = dueAt(campaign, c.time_zone);
			dueByZone.set(c.time_zone, due);
		}
		const reason = skipReason(c, bounced);
		return {
			campaign_id: campaign.id,
			contact_id: c.id,
			state: reason ? (reason === 'unsubscribed' ? 'unsubscribed' : 'skipped') : 'pending',
			reason,
			due_at: due,
			sender_domain: domain,
			updated_at: now
		} as const;
	});
	let added = 0;
	// 7 values a row; SQLite allows 32,766 variables a statement.
	for (let i = 0; i < rows.length; i += 2000) {
		const result = await trx
			.insertInto('campaign_recipient')
			.values(rows.slice(i, i + 2000))
			.onConflict((oc) => oc.columns(['campaign_id', 'contact_id']).doNothing())
			.executeTakeFirst();
		added += Number(result.numInsertedOrUpdatedRows ?? 0);
	}
	const ids = audience.map((c) => c.id);
	// Pending lines of contacts who left the audience; a contact who came back is pending again.
	await trx
		.updateTable('campaign_recipient')
		.set({ state: 'skipped', reason: 'removed', updated_at: now })
		.where('campaign_id', '=', campaign.id)
		.where('state', '=', 'pending')
		.where('contact_id', 'not in', audienceQuery(trx, campaign.id, filter).select('contact.id'))
		.execute();
	if (ids.length > 0) {
		await trx
			.updateTable('campaign_recipient')
			.set({ state: 'pending', reason: null, updated_at: now })
			.where('campaign_id', '=', campaign.id)
			.where('state', '=', 'skipped')
			.where('reason', '=', 'removed')
			.where('contact_id', 'in', audienceQuery(trx, campaign.id, filter).select('contact.id'))
			.execute();
	}
	return added;
}

/**
 * Takes back the campaign's greetings that wait in the outbox unclaimed (pause, cancel): their
 * outbox rows go and their lines are pending again. A message a worker has claimed is in flight
 * and is left to go out. Returns how many were taken back.
 */
export async function pullBack(trx: Executor, campaignId: number): Promise<number> {
	const deleted = await sql<{ id: number }>`
		delete from outbox_message
		where campaign_id = ${campaignId} and status = 'queued' and lease_owner is null
		returning id`.execute(trx);
	if (deleted.rows.length === 0) {
		return 0;
	}
	// The foreign key set their lines' outbox_message_id to null.
	await trx
		.updateTable('campaign_recipient')
		.set({ state: 'pending', queued_at: null, updated_at: nowIso() })
		.where('campaign_id', '=', campaignId)
		.where('state', '=', 'queued')
		.where('outbox_message_id', 'is', null)
		.execute();
	return deleted.rows.length;
}

export interface Prepared {
	campaign: Campaign;
	/** Per language: the template compiled once, and the card's shared blob. */
	templates: Map<Locale, { render: ReturnType<typeof greetingRenderer>; blobId: number | null }>;
	occasion: { 'zh-CN': string; en: string };
	sender: Sender | null;
}

async function storeBlob(trx: Executor, content: Buffer): Promise<number> {
	const sha256 = createHash('sha256').update(content).digest('hex');
	await trx
		.insertInto('mail_blob')
		.values({ sha256, content })
		.onConflict((oc) => oc.column('sha256').doNothing())
		.execute();
	const row = await trx
		.selectFrom('mail_blob')
		.select('id')
		.where('sha256', '=', sha256)
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function prepare(trx: Executor, campaign: Campaign): Promise<Prepared> {
	const templates: Prepared['templates'] = new Map();
	const rows = await trx
		.selectFrom('campaign_template')
		.select(['locale', 'subject', 'body', 'card_png', 'card_text'])
		.where('campaign_id', '=', campaign.id)
		.execute();
	for (const row of rows) {
		templates.set(row.locale, {
			render: greetingRenderer({
				locale: row.locale,
				subject: row.subject,
				body: row.body,
				card: row.card_png ? { alt: row.card_text ?? campaign.name } : null
			}),
			blobId: row.card_png ? await storeBlob(trx, row.card_png) : null
		});
	}
	let sender: Sender | null = null;
	if (campaign.sender_mode === 'person' && campaign.sender_user_id) {
		sender =
			(await trx
				.selectFrom('user')
				.select(['name', 'email'])
				.where('id', '=', campaign.sender_user_id)
				.executeTakeFirst()) ?? null;
	}
	return { campaign, templates, occasion: await occasionNames(trx, campaign), sender };
}

export type GreetingLine = Awaited<ReturnType<typeof dueLines>>[number];

/** One recipient's greeting as the outbox takes it (without its dedupe key). */
export function composeGreeting(
	p: Prepared,
	line: Omit<GreetingLine, 'id' | 'sender_domain' | 'greeting_opt_out' | 'campaign_id'>,
	settings: { company_name: string; company_name_en: string },
	unsubscribeUrl: string
): Omit<OutgoingMessage, 'dedupeKey'> | null {
	const template =
		p.templates.get(line.locale) ?? p.templates.get('zh-CN') ?? p.templates.get('en');
	if (!template || !line.email) {
		return null;
	}
	const sender: Sender = p.sender ??
		(line.owner_name ? { name: line.owner_name, email: line.owner_email } : null) ?? {
			name:
				line.locale === 'en'
					? settings.company_name_en || settings.company_name
					: settings.company_name,
			email: null
		};
	const rendered = template.render(
		mergeValuesFor(line, line.locale, sender, p.occasion, p.campaign.occasion_date),
		unsubscribeUrl
	);
	return {
		kind: 'greeting',
		fromName: sender.name,
		replyTo: sender.email,
		to: {
			address: line.email,
			name: line.locale === 'en' ? (line.name_latin ?? line.name) : line.name
		},
		locale: line.locale,
		...rendered,
		attachments:
			template.blobId !== null
				? [
						{
							filename: 'card.png',
							contentType: 'image/png',
							content: '',
							contentId: CARD_CID,
							blobId: template.blobId
						}
					]
				: [],
		campaignId: p.campaign.id,
		headers: {
			'List-Unsubscribe': `<${unsubscribeUrl}>`,
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
		}
	};
}

/** A contact's line as composeGreeting needs it (preview, test send). */
export function recipientLine(db: Executor, contactId: number) {
	return db
		.selectFrom('contact')
		.innerJoin('account', 'account.id', 'contact.account_id')
		.leftJoin('user as owner', 'owner.id', 'account.owner_user_id')
		.select([
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
		])
		.where('contact.id', '=', contactId)
		.executeTakeFirst();
}

/**
 * Pending greetings due now, with what their message needs. The ids come from the partial index
 * of pending lines in its own order (so LIMIT stops early): the planner would otherwise take the
 * campaign's unique index and read and sort every line, sent ones too, for every batch.
 */
async function dueLines(trx: Executor, campaignIds: number[], now: string, limit: number) {
	const due = await sql<{ id: number }>`
		select id from campaign_recipient indexed by campaign_recipient_due
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
		.select([
			'r.id',
			'r.campaign_id',
			'r.sender_domain',
			'contact.id as contact_id',
			'contact.name',
			'contact.name_latin',
			'contact.salutation',
			'contact.email',
			'contact.locale',
			'contact.greeting_opt_out',
			'account.name as company',
			'account.name_en as company_en',
			'owner.name as owner_name',
			'owner.email as owner_email'
		])
		.where(
			'r.id',
			'in',
			due.rows.map((r) => r.id)
		)
		.orderBy('r.due_at')
		.orderBy('r.id')
		.execute();
}

/**
 * Hands due greetings of running campaigns to the outbox, at most `ratePerMinute()` a minute per
 * sending domain. Each line moves from pending to queued in the same transaction as its outbox
 * row is written, under the campaign+contact dedupe key: a crash, a resume or an edited audience
 * can never queue a contact twice. Returns how many were queued.
 */
export async function dispatchDue(
	db: Executor,
	options: { now?: Date; batch?: number; rate?: number } = {}
): Promise<number> {
	const batch = options.batch ?? 500;
	const rate = options.rate ?? ratePerMinute();
	let total = 0;
	for (;;) {
		const now = (options.now ?? new Date()).toISOString();
		const campaigns = await db
			.selectFrom('campaign')
			.selectAll()
			.where('status', '=', 'sending')
			.execute();
		if (campaigns.length === 0) {
			return total;
		}
		const domain = sendingDomain();
		let budget = batch;
		if (rate > 0) {
			const recent = await db
				.selectFrom('campaign_recipient')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('sender_domain', '=', domain)
				.where('queued_at', '>', addMs(now, -MINUTE))
				.executeTakeFirstOrThrow();
			budget = Math.min(batch, rate - Number(recent.n));
		}
		let queued = 0;
		if (budget > 0) {
			queued = await inTransaction(db, (trx) => queueBatch(trx, campaigns, now, budget));
			total += queued;
		}
		if (queued < budget || budget <= 0) {
			await finishCampaigns(
				db,
				campaigns.map((c) => c.id)
			);
			return total;
		}
	}
}

async function queueBatch(trx: Executor, campaigns: Campaign[], now: string, limit: number) {
	// A write first, so this transaction holds the write lock from here on and sees a pause or a
	// cancel committed since the campaigns were read: those campaigns queue nothing more.
	const live = await sql<{ id: number }>`
		update campaign set status = status
		where status = 'sending' and id in (${sql.join(campaigns.map((c) => c.id))})
		returning id`.execute(trx);
	if (live.rows.length === 0) {
		return 0;
	}
	const lines = await dueLines(
		trx,
		live.rows.map((r) => r.id),
		now,
		limit
	);
	if (lines.length === 0) {
		return 0;
	}
	const prepared = new Map<number, Prepared>();
	const settings = await getSettings(trx);
	const base = config.publicBaseUrl;
	const tokens: { token_hash: string; contact_id: number; created_at: string }[] = [];
	const messages: OutgoingMessage[] = [];
	const queuedIds: number[] = [];
	const skipped: Record<'no_email' | 'unsubscribed', number[]> = { no_email: [], unsubscribed: [] };
	for (const line of lines) {
		let p = prepared.get(line.campaign_id);
		if (!p) {
			p = await prepare(
				trx,
				campaigns.find((c) => c.id === line.campaign_id)!
			);
			prepared.set(line.campaign_id, p);
		}
		const skip = !line.email ? 'no_email' : line.greeting_opt_out ? 'unsubscribed' : null;
		if (skip) {
			skipped[skip].push(line.id);
			continue;
		}
		const token = generateToken();
		const message = composeGreeting(p, line, settings, `${base}/unsubscribe/${token}`);
		if (!message) {
			continue;
		}
		tokens.push({ token_hash: hashToken(token), contact_id: line.contact_id, created_at: now });
		messages.push({ ...message, dedupeKey: dedupeKey(line.campaign_id, line.contact_id) });
		queuedIds.push(line.id);
	}
	for (const [reason, ids] of Object.entries(skipped)) {
		if (ids.length > 0) {
			await trx
				.updateTable('campaign_recipient')
				.set({
					state: reason === 'unsubscribed' ? 'unsubscribed' : 'skipped',
					reason: reason as SkipReason,
					updated_at: now
				})
				.where('id', 'in', ids)
				.execute();
		}
	}
	await enqueueMessages(trx, messages);
	// Once per batch rather than per message: the tokens, and each line's move to queued with
	// its outbox row (found by the dedupe key, also when it was already there).
	for (let i = 0; i < tokens.length; i += 5000) {
		await trx
			.insertInto('greeting_unsubscribe_token')
			.values(tokens.slice(i, i + 5000))
			.execute();
	}
	if (queuedIds.length > 0) {
		await trx
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
			.where('id', 'in', queuedIds)
			.where('state', '=', 'pending')
			.execute();
	}
	return queuedIds.length;
}

/** A running campaign with nothing pending and nothing left waiting in the outbox is done. */
async function finishCampaigns(db: Executor, ids: number[]) {
	const now = nowIso();
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
