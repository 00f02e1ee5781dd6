import type { Executor } from '../db';
import type { Campaign, Locale } from '../db/schema';
import { config } from '../config';
import { nowIso } from '../time';
import { zonedToUtcMs } from '../gatherings/zoned';
import type { SkipReason } from '$lib/domain/greetings';
import { audienceQuery, bouncedAddresses, type AudienceFilter } from './campaign-repository';
import * as repo from './ledger-repository';

/**
 * The ledger: a line per campaign and recipient saying what became of their greeting (pending,
 * queued, sent, failed, skipped and why, unsubscribed). Sending is in dispatch.ts.
 */

export function sendingDomain(): string {
	return config.mailFrom.split('@').pop()!.toLowerCase();
}

export function dedupeKey(campaignId: number, contactId: number): string {
	return `greeting:${campaignId}:${contactId}`;
}

/** Why a contact in the audience gets no greeting, or null when one can go. */
export function skipReason(
	contact: { email: string | null; greeting_opt_out: number },
	bounced: ReadonlyMap<string, string>
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
 * put back is pending again. Returns how many lines were added, and who can be greeted
 * per language (for a campaign being started: its whole audience).
 */
export async function materializeLedger(
	trx: Executor,
	campaign: Campaign,
	filter: AudienceFilter
): Promise<{ added: number; pendingByLocale: Record<Locale, number> }> {
	const now = nowIso();
	const domain = sendingDomain();
	const bounced = await bouncedAddresses(trx);
	const audience = await audienceQuery(trx, campaign.id, filter)
		.select([
			'contact.id',
			'contact.email',
			'contact.greeting_opt_out',
			'contact.time_zone',
			'contact.locale'
		])
		.execute();
	const dueByZone = new Map<string, string>();
	const pendingByLocale: Record<Locale, number> = { 'zh-CN': 0, en: 0 };
	const rows = audience.map((c) => {
		let due = dueByZone.get(c.time_zone);
		if (!due) {
			due = dueAt(campaign, c.time_zone);
			dueByZone.set(c.time_zone, due);
		}
		const reason = skipReason(c, bounced);
		if (!reason) {
			pendingByLocale[c.locale]++;
		}
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
	const added = await repo.insertLedgerLines(trx, rows);
	await repo.followAudience(trx, campaign.id, filter, now);
	return { added, pendingByLocale };
}

/**
 * Takes back the campaign's greetings that wait in the outbox unclaimed (pause, cancel): their
 * outbox rows go and their lines are pending again. A message a worker has claimed is in flight
 * and is left to go out. Returns how many were taken back.
 */
export function pullBack(trx: Executor, campaignId: number): Promise<number> {
	return repo.deleteUnclaimed(trx, campaignId, nowIso());
}
