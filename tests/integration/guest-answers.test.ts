import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import type { GatheringStatus } from '$lib/server/db/schema';
import { createSmtpTransport } from '$lib/server/mail/transport';
import { MailWorker } from '$lib/server/mail/worker';
import { logCall, setAnswerByStaff } from '$lib/server/invitations/calls';
import { removeInvitee } from '$lib/server/gatherings/guests';
import { loadRsvp, submitAnswer } from '$lib/server/rsvp/service';
import { recordTokenFailure, throttleState } from '$lib/server/rsvp/throttle';
import { createTestDb, newUser } from '../helpers/db';
import { plainAnswer } from '../helpers/rsvp';
import { addInvitee, newContact, newGathering } from '../helpers/gatherings';
import { newAccount } from '../helpers/accounts';
import { startSink, waitFor } from './support/mail-sink';

// Guests' answers: a flood of changes is slowed and ends in one confirmation stating the last
// answer; answers by phone or staff are confirmed too; only an open gathering takes answers and
// a done one takes nothing; throttles count parallel requests one by one.

let db: Db;
const cleanups: (() => Promise<void> | void)[] = [];
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) {
		await cleanup();
	}
	await db.destroy();
});

const NOW = Date.parse('2026-12-01T00:00:00Z');

/** An invited guest with a live link whose token the test knows (as a guest's phone would). */
async function guestWithLink(values: { status?: GatheringStatus; ends_at?: string } = {}) {
	const owner = await newUser(db, { name: 'Zhang Wei' });
	const accountId = await newAccount(db, { owner_user_id: owner });
	const gatheringId = await newGathering(db, { companions_allowed: 2, ...values });
	const contact = await newContact(db, {
		account_id: accountId,
		locale: 'en',
		name: 'Anna',
		email: `anna${randomBytes(3).toString('hex')}@client.example`
	});
	const invitee = await addInvitee(
		db,
		gatheringId,
		{ contact_id: contact.id },
		{ status: 'invited' }
	);
	const token = randomBytes(20).toString('hex');
	await db
		.insertInto('rsvp_token')
		.values({
			token_hash: createHash('sha256').update(token).digest('hex'),
			invitee_id: invitee.id,
			created_at: new Date().toISOString(),
			revoked_at: null
		})
		.execute();
	return { gatheringId, inviteeId: invitee.id, token };
}

const answer = plainAnswer;

function confirmationsOf(inviteeId: number) {
	return db
		.selectFrom('outbox_message')
		.selectAll()
		.where('kind', '=', 'rsvp_confirmation')
		.where('invitee_id', '=', inviteeId)
		.orderBy('id')
		.execute();
}

async function storedStatus(inviteeId: number) {
	const row = await db
		.selectFrom('invitee')
		.select(['status', 'answer_source'])
		.where('id', '=', inviteeId)
		.executeTakeFirstOrThrow();
	return row.status;
}

const SUBJECT = { accepted: /^You are attending/, declined: /^Your reply/ };

describe('a flood of answers', () => {
	it('takes a few changes a minute, refuses the rest with a message, and keeps one confirmation stating the last answer', async () => {
		const { inviteeId, token } = await guestWithLink();
		const outcomes: string[] = [];
		let lastTaken: 'accepted' | 'declined' | null = null;
		for (let i = 0; i < 20; i++) {
			const value = i % 2 === 0 ? 'accepted' : 'declined';
			try {
				const result = await submitAnswer(db, token, answer(value), NOW + i * 500);
				// The same answer again (after a refused change) is no change: nothing to count.
				if (result.changed) {
					outcomes.push('taken');
					lastTaken = value;
				}
			} catch (err) {
				outcomes.push((err as Error).message);
			}
		}
		const taken = outcomes.filter((o) => o === 'taken').length;
		expect(taken).toBeGreaterThan(0);
		expect(taken).toBeLessThanOrEqual(5);
		expect(outcomes.filter((o) => o !== 'taken').every((o) => o === 'rsvp_error_too_often')).toBe(
			true
		);
		const history = await db
			.selectFrom('activity')
			.select('id')
			.where('action', '=', 'invitee.answered')
			.execute();
		expect(history).toHaveLength(taken);
		expect(await storedStatus(inviteeId)).toBe(lastTaken);

		const [only, ...more] = await confirmationsOf(inviteeId);
		expect(more).toEqual([]);
		expect(only.status).toBe('queued');
		expect(only.subject).toMatch(SUBJECT[lastTaken!]);
		// It waits for the answer to settle before it goes.
		expect(Date.parse(only.next_attempt_at)).toBeGreaterThan(NOW + 60_000);

		// A minute later the guest may change again: the waiting confirmation is replaced.
		await submitAnswer(
			db,
			token,
			answer(lastTaken === 'accepted' ? 'declined' : 'accepted'),
			NOW + 90_000
		);
		const now = await storedStatus(inviteeId);
		const replaced = await confirmationsOf(inviteeId);
		expect(replaced).toHaveLength(1);
		expect(replaced[0].subject).toMatch(SUBJECT[now as 'accepted' | 'declined']);
		const attachments = await db.selectFrom('outbox_attachment').select('message_id').execute();
		expect(attachments).toHaveLength(now === 'accepted' ? 1 : 0);

		// Once it went out, a later change is confirmed by a new email, again stating the last.
		await db.updateTable('outbox_message').set({ status: 'sent' }).execute();
		await submitAnswer(
			db,
			token,
			answer(now === 'accepted' ? 'declined' : 'accepted'),
			NOW + 600_000
		);
		const after = await confirmationsOf(inviteeId);
		expect(after.map((m) => m.status)).toEqual(['sent', 'queued']);
		expect(after[1].subject).toMatch(SUBJECT[(await storedStatus(inviteeId)) as 'accepted']);
	});

	it('three quick changes reach the guest as one email, with the final answer', async () => {
		const { inviteeId, token } = await guestWithLink();
		const sink = await startSink();
		cleanups.push(() => sink.close());
		await submitAnswer(db, token, answer('accepted'));
		await submitAnswer(db, token, answer('declined'));
		await submitAnswer(db, token, answer('accepted'));
		// The settling time passes.
		await db
			.updateTable('outbox_message')
			.set({ next_attempt_at: new Date(Date.now() - 1000).toISOString() })
			.execute();
		const worker = new MailWorker({
			db,
			transport: createSmtpTransport(`smtp://127.0.0.1:${sink.port}`, { maxConnections: 1 }),
			mailFrom: 'gala@example.com',
			ownsTransport: true,
			pollMs: 25
		});
		cleanups.push(() => worker.stop());
		worker.start();
		await waitFor(
			async () => (await confirmationsOf(inviteeId)).every((m) => m.status === 'sent'),
			15_000,
			'the confirmations'
		);
		expect(sink.received).toHaveLength(1);
		expect(sink.received[0].subject).toMatch(SUBJECT.accepted);
		expect(sink.received[0].attachments.map((a) => a.filename)).toEqual(['invitation.ics']);
	});
});

describe('answers by phone or by staff', () => {
	it('a guest confirmed by phone gets the confirmation email with the .ics, unless staff untick it', async () => {
		const { gatheringId, inviteeId } = await guestWithLink();
		await logCall(
			db,
			gatheringId,
			{ invitee_id: inviteeId, outcome: 'confirmed', note: '', called_at: '', notify: true },
			null
		);
		const [mail] = await confirmationsOf(inviteeId);
		expect(mail.subject).toMatch(SUBJECT.accepted);
		expect(mail.to_address).toMatch(/^anna.*@client\.example$/);
		const files = await db
			.selectFrom('outbox_attachment')
			.select(['filename', 'content_type'])
			.where('message_id', '=', mail.id)
			.execute();
		expect(files.map((f) => f.filename)).toEqual(['invitation.ics']);
		expect(files[0].content_type).toMatch(/^text\/calendar/);

		const other = await guestWithLink();
		await logCall(
			db,
			other.gatheringId,
			{ invitee_id: other.inviteeId, outcome: 'confirmed', note: '', called_at: '', notify: false },
			null
		);
		expect(await storedStatus(other.inviteeId)).toBe('accepted');
		expect(await confirmationsOf(other.inviteeId)).toEqual([]);
	});

	it('an answer staff set by hand is confirmed to the guest too', async () => {
		const { gatheringId, inviteeId } = await guestWithLink();
		await setAnswerByStaff(
			db,
			gatheringId,
			{ invitee_id: inviteeId, status: 'declined', notify: true },
			null
		);
		const [mail] = await confirmationsOf(inviteeId);
		expect(mail.subject).toMatch(SUBJECT.declined);
	});
});

describe('the last email never contradicts the stored answer', () => {
	it('staff changing or clearing an answer without emailing drops the confirmation still waiting', async () => {
		const { gatheringId, inviteeId, token } = await guestWithLink();
		await submitAnswer(db, token, answer('accepted'), NOW);
		expect(await confirmationsOf(inviteeId)).toHaveLength(1);
		await setAnswerByStaff(
			db,
			gatheringId,
			{ invitee_id: inviteeId, status: 'declined', notify: false },
			null
		);
		expect(await confirmationsOf(inviteeId)).toEqual([]);

		await submitAnswer(db, token, answer('accepted'), NOW + 1000);
		await setAnswerByStaff(db, gatheringId, { invitee_id: inviteeId, status: 'invited' }, null);
		expect(await confirmationsOf(inviteeId)).toEqual([]);

		await submitAnswer(db, token, answer('accepted'), NOW + 2000);
		await removeInvitee(db, gatheringId, inviteeId, { confirmed: true }, null);
		expect(
			await db.selectFrom('outbox_message').select('id').where('status', '=', 'queued').execute()
		).toEqual([]);
	});
});

describe('who may answer when', () => {
	it('a draft gathering refuses answers and says it is not open yet', async () => {
		const { token, inviteeId } = await guestWithLink({ status: 'draft' });
		const view = await loadRsvp(db, token, NOW);
		expect(view.open).toBe(false);
		await expect(submitAnswer(db, token, answer('accepted'), NOW)).rejects.toThrow(
			'rsvp_error_not_open_yet'
		);
		expect(await storedStatus(inviteeId)).toBe('invited');
	});

	it('a closed gathering refuses answers', async () => {
		const { token } = await guestWithLink({ status: 'closed' });
		await expect(submitAnswer(db, token, answer('accepted'), NOW)).rejects.toThrow(
			'rsvp_error_closed'
		);
	});

	it('a done gathering is frozen: no calls, no answers by staff, no change to the list', async () => {
		const { gatheringId, inviteeId } = await guestWithLink({ status: 'done' });
		await expect(
			logCall(
				db,
				gatheringId,
				{ invitee_id: inviteeId, outcome: 'confirmed', note: '', called_at: '' },
				null
			)
		).rejects.toThrow('gatherings_error_done_locked');
		await expect(
			setAnswerByStaff(db, gatheringId, { invitee_id: inviteeId, status: 'declined' }, null)
		).rejects.toThrow('gatherings_error_done_locked');
		await expect(
			removeInvitee(db, gatheringId, inviteeId, { confirmed: true }, null)
		).rejects.toThrow('gatherings_error_done_locked');
		expect(await storedStatus(inviteeId)).toBe('invited');
		expect(await db.selectFrom('phone_call').select('id').execute()).toEqual([]);
	});
});

describe('links that end', () => {
	it('a link stops working 30 days after its gathering ends', async () => {
		const ends = Date.parse('2026-10-01T12:00:00.000Z');
		const { token } = await guestWithLink({
			ends_at: new Date(ends).toISOString()
		});
		expect((await loadRsvp(db, token, ends + 29 * 86_400_000)).open).toBe(false);
		await expect(loadRsvp(db, token, ends + 31 * 86_400_000)).rejects.toThrow('error_not_found');
	});

	it('removing a guest ends their links', async () => {
		const { gatheringId, inviteeId, token } = await guestWithLink();
		await removeInvitee(db, gatheringId, inviteeId, { confirmed: true }, null);
		await expect(loadRsvp(db, token)).rejects.toThrow('error_not_found');
	});
});

describe('throttles', () => {
	it('a parallel burst of wrong tokens is counted guess by guess', async () => {
		await Promise.all(Array.from({ length: 60 }, () => recordTokenFailure(db, '10.9.9.9')));
		const state = await throttleState(db, '10.9.9.9');
		expect(state.blocked).toBe(true);
	});

	it('the first parallel burst is already slowed past the free guesses', async () => {
		const states = await Promise.all(
			Array.from({ length: 14 }, () => recordTokenFailure(db, '10.9.9.8'))
		);
		// Ten free guesses; each one after them waits (the same statement counted it).
		expect(states.filter((s) => s && s.delayMs > 0)).toHaveLength(4);
	});
});
