import { isHttpError } from '@sveltejs/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { createFeedToken } from '$lib/server/calendar/feed';
import { renewLink, sendInvitations } from '$lib/server/invitations/service';
import { feedForAddress, materialForGuest } from '$lib/server/rsvp/access';
import { revealLinks } from '$lib/server/rsvp/links';
import { loadRsvp, submitAnswer } from '$lib/server/rsvp/service';
import {
	DOWNLOADS_PER_WINDOW,
	recordTokenFailure,
	throttleKeys,
	throttleState
} from '$lib/server/rsvp/throttle';
import { createTestDb, newUser } from '../helpers/db';
import { plainAnswer } from '../helpers/rsvp';
import { addInvitee, newContact, newGathering } from '../helpers/gatherings';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.destroy();
});

async function invited() {
	const gatheringId = await newGathering(db);
	const contact = await newContact(db, { locale: 'en', name: 'Anna' });
	const invitee = await addInvitee(db, gatheringId, { contact_id: contact.id });
	await sendInvitations(db, gatheringId, [invitee.id], 'req00001', null);
	return { gatheringId, inviteeId: invitee.id, token: await newestLink() };
}

/** The token in the newest stored email, as the mail worker would send it. */
async function newestLink(): Promise<string> {
	const mail = await db
		.selectFrom('outbox_message')
		.select('text')
		.orderBy('id', 'desc')
		.executeTakeFirstOrThrow();
	return revealLinks(mail.text).match(/\/rsvp\/([a-z0-9]+)/)![1];
}

async function statusOf(promise: Promise<unknown>): Promise<number | 'ok'> {
	try {
		await promise;
		return 'ok';
	} catch (err) {
		if (isHttpError(err)) {
			return err.status;
		}
		throw err;
	}
}

describe('new link', () => {
	it('ends every earlier link and mails a new one that works', async () => {
		const { gatheringId, inviteeId, token } = await invited();
		// A second invitation: two live links.
		await sendInvitations(db, gatheringId, [inviteeId], 'req00002', null);
		const second = await newestLink();
		expect((await loadRsvp(db, second)).inviteeId).toBe(inviteeId);

		const result = await renewLink(db, gatheringId, inviteeId, 'req00003', null);
		expect(result).toEqual({ revoked: 2, sent: true });
		await expect(loadRsvp(db, token)).rejects.toThrow('error_not_found');
		await expect(loadRsvp(db, second)).rejects.toThrow('error_not_found');
		const fresh = await newestLink();
		expect((await loadRsvp(db, fresh)).inviteeId).toBe(inviteeId);

		// The same request again (a double click) changes nothing: the new link stays alive.
		await expect(renewLink(db, gatheringId, inviteeId, 'req00003', null)).rejects.toThrow(
			'invitations_new_link_already'
		);
		expect((await loadRsvp(db, fresh)).inviteeId).toBe(inviteeId);
		const history = await db
			.selectFrom('activity')
			.select('action')
			.where('action', '=', 'invitee.link_renewed')
			.execute();
		expect(history).toHaveLength(1);
	});

	it('the confirmation after an answer carries the link the guest used', async () => {
		const { token } = await invited();
		await submitAnswer(db, token, plainAnswer());
		expect(await newestLink()).toBe(token);
	});

	it('is refused on a done gathering', async () => {
		const { gatheringId, inviteeId, token } = await invited();
		await db.updateTable('gathering').set({ status: 'done' }).execute();
		await expect(renewLink(db, gatheringId, inviteeId, 'req00009', null)).rejects.toThrow(
			'gatherings_error_done_locked'
		);
		await db.updateTable('gathering').set({ status: 'open' }).execute();
		expect((await loadRsvp(db, token)).inviteeId).toBe(inviteeId);
	});
});

describe('throttled downloads', () => {
	it('the calendar feed counts wrong links per address and refuses a blocked address', async () => {
		const user = await newUser(db);
		const token = await createFeedToken(db, user);
		expect(await feedForAddress(db, token, '10.1.1.1')).toContain('BEGIN:VCALENDAR');
		// A parallel burst of wrong links is counted one by one.
		const wrong = await Promise.all(
			Array.from({ length: 8 }, (_, i) =>
				statusOf(feedForAddress(db, `wrong${i}`.padEnd(32, 'x'), '10.1.1.2'))
			)
		);
		expect(wrong).toEqual(Array(8).fill(404));
		const row = await db
			.selectFrom('rsvp_throttle')
			.selectAll()
			.where('address', '=', throttleKeys.feedGuess('10.1.1.2'))
			.executeTakeFirstOrThrow();
		expect(row.failures).toBe(8);

		for (let i = 0; i < 50; i++) {
			await recordTokenFailure(db, throttleKeys.feedGuess('10.1.1.3'));
		}
		expect(await statusOf(feedForAddress(db, token, '10.1.1.3'))).toBe(429);
		expect(await statusOf(feedForAddress(db, token, '10.1.1.4'))).toBe('ok');
	});

	it('the calendar feed caps requests per address', async () => {
		const user = await newUser(db);
		const token = await createFeedToken(db, user);
		const now = new Date().toISOString();
		await db
			.insertInto('rsvp_throttle')
			.values({
				address: throttleKeys.feedRequest('10.2.2.2'),
				failures: DOWNLOADS_PER_WINDOW.feed,
				window_start: now
			})
			.execute();
		expect(await statusOf(feedForAddress(db, token, '10.2.2.2'))).toBe(429);
	});

	it('a wrong materials link counts as a guess at an RSVP link', async () => {
		const { gatheringId } = await invited();
		const material = await db
			.insertInto('gathering_material')
			.values({
				gathering_id: gatheringId,
				filename: 'map.pdf',
				content_type: 'application/pdf',
				size: 3,
				content: Buffer.from('pdf'),
				created_at: new Date().toISOString()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		expect(await statusOf(materialForGuest(db, 'x'.repeat(32), material.id, '10.3.3.3'))).toBe(404);
		expect(
			(await db.selectFrom('rsvp_throttle').select('failures').executeTakeFirstOrThrow()).failures
		).toBe(1);
		for (let i = 0; i < 50; i++) {
			await recordTokenFailure(db, throttleKeys.rsvpGuess('10.3.3.3'));
		}
		expect((await throttleState(db, throttleKeys.rsvpGuess('10.3.3.3'))).blocked).toBe(true);
		expect(await statusOf(materialForGuest(db, 'x'.repeat(32), material.id, '10.3.3.3'))).toBe(429);
	});
});
