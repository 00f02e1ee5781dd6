import type { Executor } from '../db';
import type { Campaign, Locale } from '../db/schema';
import { nowIso } from '../time';
import { ConflictError, DomainError, NotFoundError } from '../errors';
import { localToUtcIso } from '../gatherings/zoned';
import { inTransaction } from '../accounts/transaction';
import { recordActivity } from '../activity/repository';
import { findContactById } from '../contacts/repository';
import * as repo from './campaign-repository';
import { materializeLedger, pullBack, skipReason } from './ledger';
import { skipPending } from './ledger-repository';
import { wakeGreetingDispatcher } from './dispatcher';
import { unknownFields } from './template';
import { parseFilter, type CampaignInput } from './campaign-form';

/** A campaign's life: drafted, its audience edited, started, paused, resumed, cancelled. */

function columnsFor(input: CampaignInput) {
	return {
		name: input.name,
		occasion: input.occasion,
		occasion_date: input.occasion_date,
		send_mode: input.send_mode,
		send_at: input.send_mode === 'fixed' ? localToUtcIso(input.send_local!, input.send_zone) : null,
		send_date: input.send_mode === 'local_nine' ? input.send_date! : null,
		send_zone: input.send_zone,
		sender_mode: input.sender_mode,
		sender_user_id: input.sender_mode === 'person' ? input.sender_user_id! : null
	};
}

async function saveTemplates(trx: Executor, campaignId: number, input: CampaignInput) {
	for (const [locale, subject, body] of [
		['zh-CN', input.subject_zh, input.body_zh],
		['en', input.subject_en, input.body_en]
	] as const) {
		if (subject) {
			await repo.upsertTemplate(trx, campaignId, locale, subject, body);
		} else {
			await repo.deleteTemplate(trx, campaignId, locale);
		}
	}
}

export async function createCampaign(
	db: Executor,
	input: CampaignInput,
	filter: repo.AudienceFilter,
	userId: number | null,
	addContactId?: number
): Promise<number> {
	return inTransaction(db, async (trx) => {
		const now = nowIso();
		const id = await repo.insertCampaign(trx, {
			...columnsFor(input),
			filter: JSON.stringify(filter),
			created_by: userId,
			created_at: now,
			updated_at: now
		});
		await saveTemplates(trx, id, input);
		if (addContactId) {
			await repo.setAudienceEdit(trx, id, addContactId, true);
		}
		await recordActivity(trx, {
			user_id: userId,
			action: 'campaign.created',
			subject_type: 'campaign',
			subject_id: id
		});
		return id;
	});
}

export async function mustFind(db: Executor, id: number): Promise<Campaign> {
	const campaign = await repo.findCampaign(db, id);
	if (!campaign) {
		throw new NotFoundError('greetings_error_campaign_not_found');
	}
	return campaign;
}

const FINISHED = new Set(['cancelled', 'done']);

export async function updateCampaign(db: Executor, id: number, input: CampaignInput) {
	await inTransaction(db, async (trx) => {
		const campaign = await mustFind(trx, id);
		if (campaign.status !== 'draft') {
			throw new ConflictError('greetings_error_not_draft');
		}
		await repo.updateCampaignRow(trx, id, { ...columnsFor(input), updated_at: nowIso() });
		await saveTemplates(trx, id, input);
	});
}

/** Changes the audience filter; a running campaign's ledger follows (never a second line). */
export async function setFilter(db: Executor, id: number, filter: repo.AudienceFilter) {
	await inTransaction(db, async (trx) => {
		const campaign = await mustFind(trx, id);
		if (FINISHED.has(campaign.status)) {
			throw new ConflictError('greetings_error_finished');
		}
		await repo.updateCampaignRow(trx, id, { filter: JSON.stringify(filter), updated_at: nowIso() });
		if (campaign.status !== 'draft') {
			await materializeLedger(trx, campaign, filter);
		}
	});
}

export async function editAudience(db: Executor, id: number, contactId: number, include: boolean) {
	await inTransaction(db, async (trx) => {
		const campaign = await mustFind(trx, id);
		if (FINISHED.has(campaign.status)) {
			throw new ConflictError('greetings_error_finished');
		}
		if (!(await findContactById(trx, contactId))) {
			throw new NotFoundError('contacts_error_not_found');
		}
		await repo.setAudienceEdit(trx, id, contactId, include);
		if (campaign.status !== 'draft') {
			await materializeLedger(trx, campaign, parseFilter(campaign.filter));
		}
	});
}

/** The audience as the page shows it: who gets a greeting, who not and why. */
export async function loadAudience(db: Executor, campaign: Campaign, limit = 200) {
	const filter = parseFilter(campaign.filter);
	const [rows, bounced] = await Promise.all([
		repo.listAudience(db, campaign.id, filter),
		repo.bouncedAddresses(db)
	]);
	const withReason = rows.map((r) => {
		const reason = skipReason(r, bounced);
		// A bounce shows the server's reply, so staff can see why (and correct the address).
		const bounceReply = reason === 'bounced' ? bounced.get(r.email!.toLowerCase())! : null;
		return { ...r, reason, bounceReply };
	});
	const included = withReason.filter((r) => !r.reason);
	const excluded = withReason.filter((r) => r.reason);
	const byLocale: Record<Locale, number> = { 'zh-CN': 0, en: 0 };
	for (const r of included) {
		byLocale[r.locale]++;
	}
	return {
		filter,
		count: included.length,
		byLocale,
		included: included.slice(0, limit),
		excluded: excluded.slice(0, limit),
		excludedCount: excluded.length
	};
}

/** Checks before anything is sent: a template for every language in the audience, known fields. */
/**
 * Checks before anything is sent: known fields in every template, someone to greet, and a
 * template for every language they read. Runs on the ledger just written (one read of the
 * audience, not two); throwing rolls that back with the rest of the start.
 */
async function checkReady(
	trx: Executor,
	campaign: Campaign,
	pendingByLocale: Record<Locale, number>
) {
	const templates = await repo.listTemplates(trx, campaign.id);
	for (const t of templates) {
		const unknown = [...unknownFields(t.subject), ...unknownFields(t.body)];
		if (unknown.length > 0) {
			throw new DomainError('greetings_error_unknown_fields', { fields: unknown.join(', ') });
		}
	}
	if (pendingByLocale['zh-CN'] + pendingByLocale.en === 0) {
		throw new DomainError('greetings_error_empty_audience');
	}
	for (const locale of ['zh-CN', 'en'] as const) {
		if (pendingByLocale[locale] > 0 && !templates.some((t) => t.locale === locale)) {
			throw new DomainError('greetings_error_missing_template', {
				count: pendingByLocale[locale],
				language: locale
			});
		}
	}
}

/** Starts sending: the audience goes into the ledger and the due greetings to the outbox. */
export async function startCampaign(db: Executor, id: number, userId: number | null) {
	await inTransaction(db, async (trx) => {
		const campaign = await mustFind(trx, id);
		if (campaign.status !== 'draft') {
			throw new ConflictError('greetings_error_not_draft');
		}
		const ledger = await materializeLedger(trx, campaign, parseFilter(campaign.filter));
		await checkReady(trx, campaign, ledger.pendingByLocale);
		const now = nowIso();
		await repo.updateCampaignRow(trx, id, { status: 'sending', started_at: now, updated_at: now });
		await recordActivity(trx, {
			user_id: userId,
			action: 'campaign.started',
			subject_type: 'campaign',
			subject_id: id
		});
	});
	wakeGreetingDispatcher();
}

export async function pauseCampaign(db: Executor, id: number, userId: number | null) {
	await transition(db, id, userId, ['sending'], 'paused');
}

export async function resumeCampaign(db: Executor, id: number, userId: number | null) {
	await transition(db, id, userId, ['paused'], 'sending');
	wakeGreetingDispatcher();
}

export async function cancelCampaign(db: Executor, id: number, userId: number | null) {
	await transition(db, id, userId, ['sending', 'paused'], 'cancelled');
}

async function transition(
	db: Executor,
	id: number,
	userId: number | null,
	from: Campaign['status'][],
	to: Campaign['status']
) {
	await inTransaction(db, async (trx) => {
		const now = nowIso();
		// The state change is the transaction's first statement, a write: SQLite takes the write
		// lock (waiting out busy_timeout) at once, instead of failing with SQLITE_BUSY when a read
		// would have to become a write while another process (a worker) has written meanwhile.
		const changed = await repo.changeStatus(trx, id, from, {
			status: to,
			updated_at: now,
			...(to === 'cancelled' ? { finished_at: now } : {})
		});
		if (!changed) {
			await mustFind(trx, id);
			throw new ConflictError('greetings_error_state');
		}
		if (to === 'paused' || to === 'cancelled') {
			await pullBack(trx, id);
		}
		if (to === 'cancelled') {
			await skipPending(trx, id, now);
		}
		await recordActivity(trx, {
			user_id: userId,
			action: `campaign.${to}`,
			subject_type: 'campaign',
			subject_id: id
		});
	});
}

export async function loadCampaign(db: Executor, id: number) {
	const campaign = await mustFind(db, id);
	const [templates, counts] = await Promise.all([
		repo.listTemplates(db, id),
		repo.ledgerCounts(db, id)
	]);
	return { campaign, templates, counts };
}
