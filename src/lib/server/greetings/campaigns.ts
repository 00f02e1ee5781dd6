import { z } from 'zod';
import type { Executor } from '../db';
import type { Campaign, Locale } from '../db/schema';
import { nowIso } from '../time';
import { ConflictError, DomainError, NotFoundError } from '../errors';
import { channels, tiers } from '../accounts/schema';
import { locales } from '../contacts/schema';
import { localToUtcIso } from '../gatherings/zoned';
import { isTimeZone } from '../contacts/schema';
import { inTransaction } from '../accounts/transaction';
import { recordActivity } from '../activity/repository';
import { festivals, isFestival } from '$lib/domain/greetings';
import * as repo from './campaign-repository';
import { composeGreeting, prepare } from './compose';
import { materializeLedger, pullBack, skipReason } from './ledger';
import { recipientLine, skipPending } from './ledger-repository';
import { config } from '../config';
import { getSettings } from '../settings/service';
import { enqueueMessage } from '../mail/outbox';
import { m } from '$lib/paraglide/messages';
import { wakeGreetingDispatcher } from './dispatcher';
import { noControl, unknownFields } from './template';
import { festivalDate } from './occasions';
import { findCustomOccasion } from './repository';
import { cardDesigns, cardSvg, isPng, MAX_CARD_BYTES, renderCardPng } from './card';

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const audienceFilterSchema = z.object({
	tier: z.preprocess(blankToUndefined, z.enum(tiers).optional()).catch(undefined),
	channel: z.preprocess(blankToUndefined, z.enum(channels).optional()).catch(undefined),
	accountId: z
		.preprocess(blankToUndefined, z.coerce.number().int().positive().optional())
		.catch(undefined),
	ownerUserId: z
		.preprocess(blankToUndefined, z.coerce.number().int().positive().optional())
		.catch(undefined),
	tag: z.preprocess(blankToUndefined, z.string().trim().max(40).optional()).catch(undefined),
	locale: z.preprocess(blankToUndefined, z.enum(locales).optional()).catch(undefined),
	manualOnly: z
		.preprocess((v) => v === true || v === 'on' || v === '1', z.boolean())
		.optional()
		.catch(undefined)
});

export function parseFilter(json: string): repo.AudienceFilter {
	try {
		return audienceFilterSchema.parse(JSON.parse(json));
	} catch {
		return {};
	}
}

const templateText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, 'error_too_long')
		.refine(noControl, 'greetings_error_control')
		.refine((v) => unknownFields(v).length === 0, 'greetings_error_unknown_field');

/** The campaign form: what, when, from whom, and the two templates. */
export const campaignSchema = z
	.object({
		name: z.string().trim().min(1, 'error_required').max(120, 'error_too_long'),
		occasion: z
			.string()
			.trim()
			.refine((v) => isFestival(v) || /^custom:\d+$/.test(v) || v === 'other', 'error_choice'),
		occasion_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'greetings_error_date'),
		send_mode: z.enum(['fixed', 'local_nine'], 'error_choice'),
		send_local: z.string().trim().optional(),
		send_zone: z.string().trim().refine(isTimeZone, 'error_time_zone'),
		send_date: z.string().trim().optional(),
		sender_mode: z.enum(['owner', 'person'], 'error_choice'),
		sender_user_id: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
		subject_zh: templateText(200),
		body_zh: templateText(5000),
		subject_en: templateText(200),
		body_en: templateText(5000)
	})
	.superRefine((v, ctx) => {
		if (v.send_mode === 'fixed' && !localToUtcIso(v.send_local ?? '', v.send_zone)) {
			ctx.addIssue({ code: 'custom', path: ['send_local'], message: 'greetings_error_datetime' });
		}
		if (v.send_mode === 'local_nine' && !/^\d{4}-\d{2}-\d{2}$/.test(v.send_date ?? '')) {
			ctx.addIssue({ code: 'custom', path: ['send_date'], message: 'greetings_error_date' });
		}
		if (v.sender_mode === 'person' && !v.sender_user_id) {
			ctx.addIssue({ code: 'custom', path: ['sender_user_id'], message: 'error_required' });
		}
		for (const locale of ['zh', 'en'] as const) {
			const subject = v[`subject_${locale}`];
			const body = v[`body_${locale}`];
			if (!!subject !== !!body) {
				ctx.addIssue({
					code: 'custom',
					path: [subject ? `body_${locale}` : `subject_${locale}`],
					message: 'error_required'
				});
			}
		}
		if (!v.subject_zh && !v.subject_en) {
			ctx.addIssue({
				code: 'custom',
				path: ['subject_zh'],
				message: 'greetings_error_no_template'
			});
		}
	});
export type CampaignInput = z.output<typeof campaignSchema>;

/** Suggested defaults for a new campaign for an occasion (the Upcoming page's button). */
export async function campaignDefaults(
	db: Executor,
	occasion: string,
	today: string,
	zone: string
) {
	let date = today;
	let name = '';
	if (isFestival(occasion)) {
		const year = Number(today.slice(0, 4));
		date = festivalDate(occasion, year);
		if (date < today) {
			date = festivalDate(occasion, year + 1);
		}
	} else if (/^custom:\d+$/.test(occasion)) {
		const row = await findCustomOccasion(db, Number(occasion.slice(7)));
		if (row) {
			const year = Number(today.slice(0, 4));
			date = `${year}-${row.month_day}`;
			if (date < today) {
				date = `${year + 1}-${row.month_day}`;
			}
			name = row.name_zh;
		}
	} else {
		occasion = 'other';
	}
	return {
		name,
		occasion,
		occasion_date: date,
		send_mode: 'local_nine',
		send_date: date,
		send_local: `${date}T09:00`,
		send_zone: zone,
		sender_mode: 'owner',
		subject_zh: '{{occasion}}快乐',
		body_zh:
			'尊敬的{{salutation}}：\n\n值此{{occasion}}之际，{{account_manager}}谨代表公司向您和{{company}}致以诚挚的问候！\n\n祝{{zodiac}}年吉祥，万事如意！',
		subject_en: 'Happy {{occasion}}',
		body_en:
			'Dear {{salutation}},\n\nOn the occasion of the {{occasion}}, warm greetings to you and everyone at {{company}}.\n\nBest wishes for the Year of the {{zodiac}},\n{{account_manager}}'
	};
}

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
		if (!subject) {
			await trx
				.deleteFrom('campaign_template')
				.where('campaign_id', '=', campaignId)
				.where('locale', '=', locale)
				.execute();
			continue;
		}
		await trx
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
		const row = await trx
			.insertInto('campaign')
			.values({
				...columnsFor(input),
				filter: JSON.stringify(filter),
				created_by: userId,
				created_at: now,
				updated_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await saveTemplates(trx, row.id, input);
		if (addContactId) {
			await repo.setAudienceEdit(trx, row.id, addContactId, true);
		}
		await recordActivity(trx, {
			user_id: userId,
			action: 'campaign.created',
			subject_type: 'campaign',
			subject_id: row.id
		});
		return row.id;
	});
}

async function mustFind(db: Executor, id: number): Promise<Campaign> {
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
		await trx
			.updateTable('campaign')
			.set({ ...columnsFor(input), updated_at: nowIso() })
			.where('id', '=', id)
			.execute();
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
		await trx
			.updateTable('campaign')
			.set({ filter: JSON.stringify(filter), updated_at: nowIso() })
			.where('id', '=', id)
			.execute();
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
		const exists = await trx
			.selectFrom('contact')
			.select('id')
			.where('id', '=', contactId)
			.executeTakeFirst();
		if (!exists) {
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
async function checkReady(trx: Executor, campaign: Campaign) {
	const templates = await repo.listTemplates(trx, campaign.id);
	for (const t of templates) {
		const unknown = [...unknownFields(t.subject), ...unknownFields(t.body)];
		if (unknown.length > 0) {
			throw new DomainError('greetings_error_unknown_fields', { fields: unknown.join(', ') });
		}
	}
	const audience = await loadAudience(trx, campaign, 0);
	if (audience.count === 0) {
		throw new DomainError('greetings_error_empty_audience');
	}
	for (const locale of ['zh-CN', 'en'] as const) {
		if (audience.byLocale[locale] > 0 && !templates.some((t) => t.locale === locale)) {
			throw new DomainError('greetings_error_missing_template', {
				count: audience.byLocale[locale],
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
		await checkReady(trx, campaign);
		await materializeLedger(trx, campaign, parseFilter(campaign.filter));
		const now = nowIso();
		await trx
			.updateTable('campaign')
			.set({ status: 'sending', started_at: now, updated_at: now })
			.where('id', '=', id)
			.execute();
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
		const changed = await trx
			.updateTable('campaign')
			.set({ status: to, updated_at: now, ...(to === 'cancelled' ? { finished_at: now } : {}) })
			.where('id', '=', id)
			.where('status', 'in', from)
			.returning('id')
			.executeTakeFirst();
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

export const festivalChoices = festivals;

/** A greeting exactly as one recipient would get it (the unsubscribe link is a stand-in). */
export async function previewGreeting(db: Executor, campaignId: number, contactId: number) {
	const campaign = await mustFind(db, campaignId);
	const line = await recipientLine(db, contactId);
	if (!line) {
		throw new NotFoundError('contacts_error_not_found');
	}
	const p = await inTransaction(db, (trx) => prepare(trx, campaign));
	const message = composeGreeting(
		p,
		{ ...line, email: line.email ?? 'preview@invalid' },
		await getSettings(db),
		`${config.publicBaseUrl}/unsubscribe/preview`
	);
	if (!message) {
		throw new DomainError('greetings_error_no_template');
	}
	return message;
}

/**
 * Sends the greeting in each language to the signed-in user, as a recipient would get it (the
 * first recipient of that language, else made-up details), marked as a test in the subject.
 */
export async function sendTestGreeting(
	db: Executor,
	campaignId: number,
	user: { name: string; email: string }
): Promise<number> {
	const campaign = await mustFind(db, campaignId);
	const audience = await loadAudience(db, campaign, 1000);
	const settings = await getSettings(db);
	return inTransaction(db, async (trx) => {
		const p = await prepare(trx, campaign);
		let sent = 0;
		for (const locale of p.templates.keys()) {
			const sample = audience.included.find((r) => r.locale === locale);
			const line = (sample && (await recipientLine(trx, sample.id))) || {
				contact_id: 0,
				name: locale === 'en' ? 'Sample Client' : '示例客户',
				name_latin: null,
				salutation: null,
				locale,
				company: locale === 'en' ? 'Sample Co.' : '示例公司',
				company_en: null,
				owner_name: user.name,
				owner_email: user.email,
				email: user.email
			};
			const message = composeGreeting(
				p,
				{ ...line, locale, email: user.email },
				settings,
				`${config.publicBaseUrl}/unsubscribe/test`
			);
			if (message) {
				await enqueueMessage(trx, {
					...message,
					kind: 'greeting_test',
					dedupeKey: null,
					campaignId: null,
					subject: `[${m.greetings_test_tag({}, { locale })}] ${message.subject}`,
					to: { address: user.email, name: user.name }
				});
				sent++;
			}
		}
		return sent;
	});
}

async function setCard(
	db: Executor,
	id: number,
	locale: Locale,
	values: { card_png: Buffer | null; card_text: string | null; card_design: string | null }
) {
	await inTransaction(db, async (trx) => {
		const campaign = await mustFind(trx, id);
		if (campaign.status !== 'draft') {
			throw new ConflictError('greetings_error_not_draft');
		}
		const result = await trx
			.updateTable('campaign_template')
			.set(values)
			.where('campaign_id', '=', id)
			.where('locale', '=', locale)
			.executeTakeFirst();
		if (Number(result.numUpdatedRows) === 0) {
			throw new DomainError('greetings_error_card_needs_template');
		}
	});
}

export const cardSchema = z.object({
	locale: z.enum(locales),
	design: z.enum(cardDesigns as [string, ...string[]]),
	title: z
		.string()
		.trim()
		.min(1, 'error_required')
		.max(20, 'error_too_long')
		.refine(noControl, 'greetings_error_control'),
	text: z.string().trim().max(200, 'error_too_long').refine(noControl, 'greetings_error_control')
});

/** A card from a built-in design with the greeting text set in Noto Sans SC. */
export async function makeCard(db: Executor, id: number, input: z.output<typeof cardSchema>) {
	const png = renderCardPng(cardSvg(input.design, input.title, input.text));
	await setCard(db, id, input.locale, {
		card_png: png,
		card_text: `${input.title} ${input.text}`.trim(),
		card_design: input.design
	});
}

export async function uploadCard(db: Executor, id: number, locale: Locale, bytes: Buffer) {
	if (bytes.length > MAX_CARD_BYTES) {
		throw new DomainError('greetings_error_card_size');
	}
	if (!isPng(bytes)) {
		throw new DomainError('greetings_error_card_type');
	}
	await setCard(db, id, locale, { card_png: bytes, card_text: null, card_design: null });
}

export async function removeCard(db: Executor, id: number, locale: Locale) {
	await setCard(db, id, locale, { card_png: null, card_text: null, card_design: null });
}

export async function cardPng(db: Executor, id: number, locale: Locale): Promise<Buffer> {
	const card = await repo.findCard(db, id, locale);
	if (!card?.card_png) {
		throw new NotFoundError('greetings_error_campaign_not_found');
	}
	return card.card_png;
}
