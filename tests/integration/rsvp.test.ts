import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import type { Db } from '$lib/server/db';
import { createTestDb, newUser } from '../helpers/db';
import { addInvitee, newContact, newGathering } from '../helpers/gatherings';
import { newAccount } from '../helpers/accounts';
import { sendInvitations } from '$lib/server/invitations/service';
import {
	loadRsvp,
	personalIcs,
	rsvpAnswerSchema,
	submitAnswer,
	type RsvpAnswer
} from '$lib/server/rsvp/service';
import { recordTokenFailure, throttleState } from '$lib/server/rsvp/throttle';
import { revealLinks } from '$lib/server/rsvp/links';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.destroy();
});

const NOW = Date.parse('2026-12-01T00:00:00Z');

async function invited(locale: 'zh-CN' | 'en' = 'en') {
	const owner = await newUser(db, { name: 'Zhang Wei', email: 'zhang@host.example' });
	const accountId = await newAccount(db, { owner_user_id: owner });
	const gatheringId = await newGathering(db, { companions_allowed: 1 });
	const contact = await newContact(db, {
		account_id: accountId,
		locale,
		name: 'Anna',
		salutation: 'Ms Schmidt'
	});
	const invitee = await addInvitee(db, gatheringId, { contact_id: contact.id });
	await sendInvitations(db, gatheringId, [invitee.id], 'req00001', null);
	const mail = await db.selectFrom('outbox_message').select('text').executeTakeFirstOrThrow();
	const token = revealLinks(mail.text).match(/\/rsvp\/([a-z0-9]+)/)![1];
	return { gatheringId, inviteeId: invitee.id, token };
}

function answer(values: Record<string, unknown> = {}): RsvpAnswer {
	return rsvpAnswerSchema.parse({
		answer: 'accepted',
		companions: ['Max Mustermann', ''],
		dietary: 'vegetarian',
		tour_language: 'en',
		arrival_details: 'by train',
		message_to_host: '',
		...values
	});
}

async function companionNames(inviteeId: number) {
	const rows = await db
		.selectFrom('invitee_companion')
		.select('name')
		.where('invitee_id', '=', inviteeId)
		.orderBy('position')
		.execute();
	return rows.map((r) => r.name);
}

async function confirmations() {
	return db
		.selectFrom('outbox_message')
		.selectAll()
		.where('kind', '=', 'rsvp_confirmation')
		.execute();
}

describe('answering by link', () => {
	it('accepting sets status accepted with source link, companions and one confirmation with the personal .ics', async () => {
		const { token, inviteeId } = await invited();
		const result = await submitAnswer(db, token, answer(), NOW);
		expect(result).toEqual({ status: 'accepted', changed: true });
		const row = await db
			.selectFrom('invitee')
			.selectAll()
			.where('id', '=', inviteeId)
			.executeTakeFirstOrThrow();
		expect(row.status).toBe('accepted');
		expect(row.answer_source).toBe('link');
		expect(await companionNames(inviteeId)).toEqual(['Max Mustermann']);
		const [mail] = await confirmations();
		expect(mail.subject).toBe('You are attending: Key Account Evening');
		expect(mail.text).toContain('Dear Ms Schmidt,');
		expect(mail.text).toContain('calendar.google.com');
		const [ics] = await db
			.selectFrom('outbox_attachment')
			.selectAll()
			.where('message_id', '=', mail.id)
			.execute();
		const event = new ICAL.Event(
			new ICAL.Component(ICAL.parse(ics.content.toString('utf8'))).getFirstSubcomponent('vevent')!
		);
		expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-18T10:00:00.000Z');
		expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-18T14:00:00.000Z');
		expect(event.uid).toBe(
			`invitee-${inviteeId}.${(await db.selectFrom('gathering').select('uid').executeTakeFirstOrThrow()).uid}`
		);
	});

	it('a double submit of the same answer sends one confirmation', async () => {
		const { token } = await invited();
		await submitAnswer(db, token, answer(), NOW);
		const second = await submitAnswer(db, token, answer(), NOW + 1000);
		expect(second.changed).toBe(false);
		expect(await confirmations()).toHaveLength(1);
	});

	it('a guest can change to declined before the deadline; companions are dropped', async () => {
		const { token, inviteeId } = await invited('zh-CN');
		await submitAnswer(db, token, answer(), NOW);
		await submitAnswer(db, token, answer({ answer: 'declined' }), NOW + 1000);
		const row = await db
			.selectFrom('invitee')
			.selectAll()
			.where('id', '=', inviteeId)
			.executeTakeFirstOrThrow();
		expect(row.status).toBe('declined');
		expect(await companionNames(inviteeId)).toEqual([]);
		// One confirmation per settled answer: the waiting one now states the decline.
		const mails = await confirmations();
		expect(mails.map((m) => m.subject)).toEqual(['已收到您的回复：重点客户答谢会']);
	});

	it('refuses more companions than allowed and writes nothing', async () => {
		const { token, inviteeId } = await invited();
		await expect(submitAnswer(db, token, answer({ companions: ['A', 'B'] }), NOW)).rejects.toThrow(
			'rsvp_error_companions'
		);
		const row = await db
			.selectFrom('invitee')
			.select('status')
			.where('id', '=', inviteeId)
			.executeTakeFirstOrThrow();
		expect(row.status).toBe('invited');
	});

	it('refuses an answer after the deadline', async () => {
		const { token } = await invited();
		const late = Date.parse('2026-12-12T00:00:00Z');
		await expect(submitAnswer(db, token, answer(), late)).rejects.toThrow('rsvp_error_closed');
		expect((await loadRsvp(db, token, late)).open).toBe(false);
		expect(await confirmations()).toHaveLength(0);
	});

	it('a tampered or revoked token is not found', async () => {
		const { token } = await invited();
		await expect(submitAnswer(db, token.toUpperCase(), answer(), NOW)).rejects.toThrow(
			'error_not_found'
		);
		await db.updateTable('rsvp_token').set({ revoked_at: new Date().toISOString() }).execute();
		await expect(loadRsvp(db, token)).rejects.toThrow('error_not_found');
	});

	it('the guest page shows only the guest’s own data and the personal .ics uses the gathering’s sequence', async () => {
		const { token, gatheringId } = await invited();
		const other = await newContact(db, { name: '别人' });
		await addInvitee(db, gatheringId, { contact_id: other.id }, { status: 'accepted' });
		const view = await loadRsvp(db, token, NOW);
		expect(JSON.stringify(view)).not.toContain('别人');
		await db
			.updateTable('gathering')
			.set({ ics_sequence: 3, starts_at: '2026-12-18T11:00:00.000Z' })
			.execute();
		const event = new ICAL.Event(
			new ICAL.Component(ICAL.parse(await personalIcs(db, token))).getFirstSubcomponent('vevent')!
		);
		expect(event.sequence).toBe(3);
		expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-18T11:00:00.000Z');
	});
});

describe('throttle', () => {
	it('slows an address after repeated wrong tokens and stops it after many', async () => {
		const now = Date.now();
		for (let i = 0; i < 10; i++) {
			await recordTokenFailure(db, '10.0.0.9', now);
		}
		expect((await throttleState(db, '10.0.0.9', now)).delayMs).toBe(250);
		expect((await throttleState(db, '10.0.0.8', now)).delayMs).toBe(0);
		for (let i = 0; i < 40; i++) {
			await recordTokenFailure(db, '10.0.0.9', now);
		}
		expect((await throttleState(db, '10.0.0.9', now)).blocked).toBe(true);
		expect((await throttleState(db, '10.0.0.9', now + 16 * 60_000)).blocked).toBe(false);
	});
});
