import type { Executor } from '../db';
import type { Campaign } from '../db/schema';
import { config } from '../config';
import { addMs, MINUTE } from '../time';
import { generateTokens, hashToken } from '../auth/tokens';
import { enqueueMessages, type OutgoingMessage } from '../mail/outbox';
import { getSettings } from '../settings/service';
import { inTransaction } from '../accounts/transaction';
import { composeGreeting, prepare, type Prepared } from './compose';
import { dedupeKey, sendingDomain } from './ledger';
import * as repo from './ledger-repository';
import { insertUnsubscribeTokens } from './unsubscribe-repository';

/** Greetings each sending domain may hand to the outbox per minute (0: no limit). */
export function ratePerMinute(): number {
	const value = Number(process.env.GREETING_RATE_PER_MINUTE ?? 600);
	return Number.isFinite(value) && value >= 0 ? value : 600;
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
		const campaigns = await repo.sendingCampaigns(db);
		if (campaigns.length === 0) {
			return total;
		}
		let budget = batch;
		if (rate > 0) {
			const recent = await repo.countQueuedSince(db, sendingDomain(), addMs(now, -MINUTE));
			budget = Math.min(batch, rate - recent);
		}
		let queued = 0;
		if (budget > 0) {
			queued = await inTransaction(db, (trx) => queueBatch(trx, campaigns, now, budget));
			total += queued;
		}
		if (queued < budget || budget <= 0) {
			await repo.finishCampaigns(
				db,
				campaigns.map((c) => c.id),
				now
			);
			return total;
		}
	}
}

/** Up to `limit` due greetings of the campaigns still sending go to the outbox, in bulk. */
async function queueBatch(trx: Executor, campaigns: Campaign[], now: string, limit: number) {
	// A write first, so this transaction holds the write lock from here on and sees a pause or a
	// cancel committed since the campaigns were read: those campaigns queue nothing more.
	const live = await repo.lockSendingCampaigns(
		trx,
		campaigns.map((c) => c.id)
	);
	if (live.length === 0) {
		return 0;
	}
	const lines = await repo.dueLines(trx, live, now, limit);
	if (lines.length === 0) {
		return 0;
	}
	const prepared = new Map<number, Prepared>();
	const settings = await getSettings(trx);
	const base = config.publicBaseUrl;
	const tokens: { token_hash: string; contact_id: number; created_at: string }[] = [];
	const messages: OutgoingMessage[] = [];
	const queuedIds: number[] = [];
	const skipped = { no_email: [] as number[], unsubscribed: [] as number[] };
	const fresh = generateTokens(lines.length);
	for (const [n, line] of lines.entries()) {
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
		const token = fresh[n];
		const message = composeGreeting(p, line, settings, `${base}/unsubscribe/${token}`);
		if (!message) {
			continue;
		}
		tokens.push({ token_hash: hashToken(token), contact_id: line.contact_id, created_at: now });
		messages.push({ ...message, dedupeKey: dedupeKey(line.campaign_id, line.contact_id) });
		queuedIds.push(line.id);
	}
	await repo.markSkipped(trx, skipped.no_email, 'no_email', now);
	await repo.markSkipped(trx, skipped.unsubscribed, 'unsubscribed', now);
	// In bulk rather than per message (bench/greetings.ts): the outbox rows, the tokens, and each
	// line's move to queued with its outbox row (found by the dedupe key, also when it was there).
	await enqueueMessages(trx, messages);
	await insertUnsubscribeTokens(trx, tokens);
	await repo.markQueued(trx, queuedIds, now);
	return queuedIds.length;
}
