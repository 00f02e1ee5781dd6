import { describe, expect, it } from 'vitest';
import { waitReason, type WaitingRow } from '$lib/domain/outbox';

const now = '2026-11-29T12:00:00.000Z';
const queued: WaitingRow = {
	status: 'queued',
	next_attempt_at: '2026-11-29T11:59:00.000Z',
	lease_owner: null,
	lease_until: null,
	last_error: null
};

describe('why a queued email waits', () => {
	it('names the worker holding it and until when', () => {
		const row = { ...queued, lease_owner: 'host:7:ab12', lease_until: '2026-11-29T12:00:40.000Z' };
		expect(waitReason(row, null, now)).toEqual({
			kind: 'sending',
			owner: 'host:7:ab12',
			until: '2026-11-29T12:00:40.000Z'
		});
	});

	it('says a claim ran out when its worker stopped (the next attempt time is in the past)', () => {
		const row = { ...queued, lease_owner: 'host:7:ab12', lease_until: '2026-11-29T11:59:30.000Z' };
		expect(waitReason(row, null, now)).toEqual({
			kind: 'lease_expired',
			owner: 'host:7:ab12',
			until: '2026-11-29T11:59:30.000Z'
		});
	});

	it('gives the SMTP reply and the time of the next try', () => {
		const row = {
			...queued,
			next_attempt_at: '2026-11-29T12:05:00.000Z',
			last_error: '421 4.7.0 Try again later'
		};
		expect(waitReason(row, null, now)).toEqual({
			kind: 'retry',
			at: '2026-11-29T12:05:00.000Z',
			reply: '421 4.7.0 Try again later'
		});
		expect(waitReason({ ...row, last_error: null }, null, now)).toEqual({
			kind: 'scheduled',
			at: '2026-11-29T12:05:00.000Z'
		});
	});

	it('says it is held when this server sends no mail, and due otherwise', () => {
		expect(waitReason(queued, 'no_smtp', now)).toEqual({ kind: 'held', hold: 'no_smtp' });
		expect(waitReason(queued, 'worker_off', now)).toEqual({ kind: 'held', hold: 'worker_off' });
		expect(waitReason(queued, null, now)).toEqual({ kind: 'due' });
	});

	it('has nothing to say about sent or failed mail', () => {
		expect(waitReason({ ...queued, status: 'sent' }, null, now)).toBeNull();
		expect(waitReason({ ...queued, status: 'failed' }, null, now)).toBeNull();
	});
});
