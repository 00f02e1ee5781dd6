import { config } from '../config';
import { getBrand } from '../settings/service';
import { chineseOnlyDetails, type GuestDetail } from '$lib/domain/details';
import { z } from 'zod';
import type { Db, Executor } from '../db';
import type { Gathering } from '../db/schema';
import { ConflictError, DomainError, NotFoundError } from '../errors';
import { enqueueMessage } from '../mail/outbox';
import { recordActivity } from '../activity/repository';
import { DAY, nowIso } from '../time';
import { m } from '$lib/paraglide/messages';
import { renderHostNotice } from '../gatherings/notices';
import * as repo from './repository';
import { findGathering } from '../gatherings/repository';
import { mintLink } from '../rsvp/links';
import {
	renderInvitationEmail,
	type AnnouncedSchedule,
	type InvitationKind,
	type RenderedMail
} from './render';
import { htmlForPreview } from '../mail/preview';
import { LOGO_CID } from './mail-layout';
import { recipientOf, rsvpUrl, senderFallback, senderOf, type SenderFallback } from './mailing';

/** A random id per rendered form: a retried or double-clicked submit enqueues nothing new. */
export const requestIdSchema = z.string().regex(/^[a-z0-9]{8,64}$/, 'error_generic');

export class GatheringNotSendableError extends DomainError {
	constructor() {
		super('invitations_error_not_sendable', {}, 409);
	}
}

export interface SendResult {
	sent: number;
	/** People without an email address (or walk-ins); staff must phone them. */
	skipped: number;
	/** Our own people sent the internal notice instead of an invitation. */
	notified?: number;
}

export async function requireGathering(db: Executor, gatheringId: number): Promise<Gathering> {
	const g = await findGathering(db, gatheringId);
	if (!g) {
		throw new NotFoundError('invitations_error_gathering_not_found');
	}
	return g;
}

/** Runs `work` in one transaction on a gathering that may still send (not closed or done). */
function withSendableGathering<T>(
	db: Db,
	gatheringId: number,
	work: (trx: Executor, g: Gathering) => Promise<T>
): Promise<T> {
	return db.transaction().execute(async (trx) => {
		const g = await requireGathering(trx, gatheringId);
		if (g.status === 'draft') {
			throw new DomainError('invitations_error_draft', {}, 409);
		}
		if (g.status === 'closed' || g.status === 'done') {
			throw new GatheringNotSendableError();
		}
		return work(trx, g);
	});
}

/**
 * Renders and enqueues one email per invitee with a new RSVP link each. Every send mints a fresh
 * link (the email stores only its placeholder, the token table only its hash and nonce); earlier
 * links stay valid so that whichever email the guest opens still works, until "new link".
 */
async function mailEach(
	trx: Executor,
	g: Gathering,
	rows: repo.InviteeRow[],
	kind: InvitationKind,
	dedupe: (inviteeId: number) => string,
	after: (row: repo.InviteeRow, now: string) => Promise<void>,
	before: AnnouncedSchedule | null = null
): Promise<SendResult> {
	const fallback: SenderFallback = await senderFallback(trx, g);
	const brand = await getBrand(trx);
	const now = nowIso();
	let sent = 0;
	let skipped = 0;
	for (const row of rows) {
		const recipient = recipientOf(row);
		if (!recipient) {
			skipped += 1;
			continue;
		}
		const link = mintLink();
		const mail = renderInvitationEmail({
			kind,
			gathering: g,
			recipient,
			sender: senderOf(row, fallback, recipient.locale),
			rsvpUrl: rsvpUrl(link.placeholder),
			before,
			brand
		});
		const id = await enqueueMessage(trx, { ...mail, dedupeKey: dedupe(row.id) });
		if (id === null) {
			// Already enqueued by an earlier try of this same request: no second token or email.
			continue;
		}
		await repo.insertToken(trx, link, row.id, now);
		await after(row, now);
		sent += 1;
	}
	return { sent, skipped };
}

/** Invitations to the chosen invitees, or to everyone not invited yet. One transaction. */
export async function sendInvitations(
	db: Db,
	gatheringId: number,
	target: number[] | 'all_not_invited',
	requestId: string,
	userId: number | null
): Promise<SendResult> {
	return withSendableGathering(db, gatheringId, async (trx, g) => {
		const rows =
			target === 'all_not_invited'
				? await repo.listInviteesByStatus(trx, gatheringId, 'not_invited')
				: await repo.listInviteesByIds(trx, gatheringId, target);
		// Our own people host the gathering: they get an internal notice, never an invitation.
		const notices = await noticeHosts(trx, g, rows.filter(isHost), userId);
		const result = await mailEach(
			trx,
			g,
			rows.filter((r) => !isHost(r)),
			'invitation',
			(id) => `invitation:${id}:${requestId}`,
			async (row, now) => {
				await repo.markInvited(trx, gatheringId, row.id, now);
				await recordActivity(trx, {
					user_id: userId,
					action: row.invited_at ? 'invitee.reinvited' : 'invitee.invited',
					subject_type: 'invitee',
					subject_id: row.id,
					account_id: row.account_id,
					gathering_id: gatheringId,
					details: { name: row.name }
				});
			}
		);
		return { ...result, notified: notices };
	});
}

/** Executives and staff: hosts of every gathering they are on, never invited or reminded. */
export function isHost(row: { role: string }): boolean {
	return row.role !== 'guest';
}

/**
 * The internal notice to our people on the list (their part, the times, the calendar file),
 * once per version of the time and place (the iCalendar SEQUENCE).
 */
async function noticeHosts(
	trx: Executor,
	g: Gathering,
	rows: repo.InviteeRow[],
	userId: number | null
): Promise<number> {
	if (rows.length === 0) {
		return 0;
	}
	const fallback = await senderFallback(trx, g);
	const now = nowIso();
	let sent = 0;
	for (const row of rows) {
		const recipient = recipientOf(row);
		if (!recipient) {
			continue;
		}
		const en = recipient.locale === 'en';
		const title = (en ? row.staff_title_en || row.staff_title : row.staff_title) ?? '';
		const part = row.role === 'executive' ? m.guests_role_executive : m.guests_role_staff;
		const mail = renderHostNotice({
			gathering: g,
			inviteeId: row.id,
			name: row.name ?? '',
			roleLabel: [title, part({}, { locale: recipient.locale })].filter(Boolean).join(' · '),
			to: { address: recipient.email, name: recipient.name },
			locale: recipient.locale,
			fromName: en ? fallback.en : fallback.zh,
			staffUrl: `${config.publicBaseUrl}/gatherings/${g.id}`
		});
		const id = await enqueueMessage(trx, {
			...mail,
			dedupeKey: `host_notice:${row.id}:${g.ics_sequence}`
		});
		if (id === null) {
			continue;
		}
		await repo.markNotified(trx, g.id, row.id, now);
		await recordActivity(trx, {
			user_id: userId,
			action: 'invitee.notified',
			subject_type: 'invitee',
			subject_id: row.id,
			account_id: null,
			gathering_id: g.id,
			details: { name: row.name }
		});
		sent += 1;
	}
	return sent;
}

/** Reminders to the chosen invitees who were invited and have not answered. */
export async function sendReminders(
	db: Db,
	gatheringId: number,
	inviteeIds: number[],
	dedupeSuffix: string,
	userId: number | null
): Promise<SendResult> {
	return withSendableGathering(db, gatheringId, async (trx, g) => {
		const rows = (await repo.listInviteesByIds(trx, gatheringId, inviteeIds)).filter(
			(r) => r.status === 'invited' && !isHost(r)
		);
		return remind(trx, g, rows, dedupeSuffix, userId);
	});
}

function remind(
	trx: Executor,
	g: Gathering,
	rows: repo.InviteeRow[],
	dedupeSuffix: string,
	userId: number | null
): Promise<SendResult> {
	return mailEach(
		trx,
		g,
		rows,
		'reminder',
		(id) => `reminder:${id}:${dedupeSuffix}`,
		async (row, now) => {
			await repo.markReminded(trx, g.id, row.id, now);
			await recordActivity(trx, {
				user_id: userId,
				action: 'invitee.reminded',
				subject_type: 'invitee',
				subject_id: row.id,
				account_id: row.account_id,
				gathering_id: g.id,
				details: { name: row.name, automatic: userId === null }
			});
		}
	);
}

/**
 * The automatic reminder, N days before the deadline, once per gathering: the background loop
 * calls this every few minutes; reminder_sent_at and the dedupe key keep it to one.
 */
export async function runAutomaticReminders(db: Db, now = new Date()): Promise<number> {
	const iso = now.toISOString();
	let total = 0;
	for (const due of await repo.listDueReminderGatherings(db, iso)) {
		const at = Date.parse(due.rsvp_deadline ?? '') - (due.reminder_days_before ?? 0) * DAY;
		if (now.getTime() < at) {
			continue;
		}
		total += await db.transaction().execute(async (trx) => {
			const g = await requireGathering(trx, due.id);
			if (g.reminder_sent_at) {
				return 0;
			}
			const rows = (await repo.listInviteesByStatus(trx, g.id, 'invited')).filter(
				(r) => !isHost(r)
			);
			const result = await remind(trx, g, rows, `auto:${g.id}`, null);
			await repo.markGatheringReminded(trx, g.id, iso);
			return result.sent;
		});
	}
	return total;
}

function announcedSchedule(g: Gathering): AnnouncedSchedule | null {
	if (!g.announced_schedule) {
		return null;
	}
	try {
		return JSON.parse(g.announced_schedule) as AnnouncedSchedule;
	} catch {
		return null;
	}
}

/**
 * Tells accepted guests that the time or place changed, with the new .ics. Keyed by the
 * gathering's iCalendar SEQUENCE: each change is announced once, however often staff click.
 */
export async function sendGatheringUpdate(
	db: Db,
	gatheringId: number,
	userId: number | null
): Promise<SendResult> {
	const result = await db.transaction().execute(async (trx) => {
		const g = await requireGathering(trx, gatheringId);
		if (g.status !== 'open') {
			throw new GatheringNotSendableError();
		}
		const rows = await repo.listInviteesByStatus(trx, gatheringId, 'accepted');
		// Our people already told of the gathering get a new notice with the new times.
		const hosts = (await repo.listInvitees(trx, gatheringId)).filter(
			(r) => isHost(r) && r.invited_at && r.status !== 'declined'
		);
		await noticeHosts(trx, g, hosts, userId);
		const sent = await mailEach(
			trx,
			g,
			rows.filter((r) => !isHost(r)),
			'gathering_update',
			(id) => `update:${id}:${g.ics_sequence}`,
			async () => {},
			announcedSchedule(g)
		);
		// The accepted guests now know the current time and place.
		await repo.clearAnnouncedSchedule(trx, gatheringId);
		await recordActivity(trx, {
			user_id: userId,
			action: 'gathering.update_sent',
			subject_type: 'gathering',
			subject_id: gatheringId,
			gathering_id: gatheringId,
			details: { sequence: g.ics_sequence, sent: sent.sent }
		});
		return sent;
	});
	return result;
}

/**
 * "New link": every link the invitee had stops working; if the gathering still takes answers
 * and the invitee has an email address, a new link goes out at once (an invitation email).
 */
export async function renewLink(
	db: Db,
	gatheringId: number,
	inviteeId: number,
	requestId: string,
	userId: number | null
): Promise<{ revoked: number; sent: boolean }> {
	return db.transaction().execute(async (trx) => {
		const g = await requireGathering(trx, gatheringId);
		if (g.status === 'done') {
			throw new DomainError('gatherings_error_done_locked', {}, 409);
		}
		const [row] = await repo.listInviteesByIds(trx, gatheringId, [inviteeId]);
		if (!row) {
			throw new NotFoundError('invitations_error_invitee_not_found');
		}
		const revoked = await repo.revokeTokens(trx, row.id, nowIso());
		await recordActivity(trx, {
			user_id: userId,
			action: 'invitee.link_renewed',
			subject_type: 'invitee',
			subject_id: row.id,
			account_id: row.account_id,
			gathering_id: gatheringId,
			details: { name: row.name, revoked }
		});
		if (g.status === 'closed' || !recipientOf(row)) {
			return { revoked, sent: false };
		}
		const result = await mailEach(
			trx,
			g,
			[row],
			'invitation',
			(id) => `new-link:${id}:${requestId}`,
			async () => {}
		);
		if (result.sent === 0) {
			// The same request again (a double click): the first one's new link must stay alive.
			throw new ConflictError('invitations_new_link_already');
		}
		return { revoked, sent: true };
	});
}

export interface InvitationPreview {
	mail: RenderedMail;
	/** The From header as the guest's mail program shows it: MAIL_FROM with the sender's name. */
	from: { name: string; address: string };
	/** Details an English guest will read in Chinese, because no English was given. */
	chineseOnly: GuestDetail[];
}

/** The invitation exactly as this invitee would get it (with a placeholder link). */
export async function previewInvitation(
	db: Db,
	gatheringId: number,
	inviteeId: number
): Promise<InvitationPreview | null> {
	const g = await requireGathering(db, gatheringId);
	const [row] = await repo.listInviteesByIds(db, gatheringId, [inviteeId]);
	const recipient = row ? recipientOf(row) : null;
	if (!row || !recipient) {
		return null;
	}
	const fallback = await senderFallback(db, g);
	const brand = await getBrand(db);
	const mail = renderInvitationEmail({
		kind: 'invitation',
		gathering: g,
		recipient,
		sender: senderOf(row, fallback, recipient.locale),
		rsvpUrl: rsvpUrl('PREVIEW'),
		brand
	});
	const html = htmlForPreview(
		mail.html,
		brand.logo ? [{ contentId: LOGO_CID, ...brand.logo }] : []
	);
	return {
		mail: { ...mail, html },
		from: { name: mail.fromName, address: config.mailFrom },
		chineseOnly: recipient.locale === 'en' ? chineseOnlyDetails(g) : []
	};
}
