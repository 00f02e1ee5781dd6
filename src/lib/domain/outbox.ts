// Why a queued email has not gone out yet, as the Outbox tells staff. Pure: the server passes
// the row, this process's hold and the time; pages only render the answer.

/** Why this process sends no mail (the server's `mailHold()`), or null when it does. */
export type MailHold = 'no_smtp' | 'worker_off' | null;

export type WaitReason =
	/** A worker holds it now (claimed, being sent); its lease is renewed while it holds it. */
	| { kind: 'sending'; owner: string; until: string }
	/** A worker claimed it and stopped before settling it (a crash or kill); due again. */
	| { kind: 'lease_expired'; owner: string; until: string }
	/** The SMTP server answered with a temporary failure; the next try is at `at`. */
	| { kind: 'retry'; at: string; reply: string }
	/** Not due before `at` (no failure so far). */
	| { kind: 'scheduled'; at: string }
	/** No worker sends here: no SMTP_URL, or MAIL_WORKER=off. */
	| { kind: 'held'; hold: 'no_smtp' | 'worker_off' }
	/** Due now: the worker takes it on its next round. */
	| { kind: 'due' };

export interface WaitingRow {
	status: 'queued' | 'sent' | 'failed';
	next_attempt_at: string;
	lease_owner: string | null;
	lease_until: string | null;
	last_error: string | null;
}

/** Null for a message that is not waiting (sent or failed). Times are ISO-8601 UTC. */
export function waitReason(row: WaitingRow, hold: MailHold, now: string): WaitReason | null {
	if (row.status !== 'queued') {
		return null;
	}
	if (row.lease_owner && row.lease_until) {
		return row.lease_until > now
			? { kind: 'sending', owner: row.lease_owner, until: row.lease_until }
			: { kind: 'lease_expired', owner: row.lease_owner, until: row.lease_until };
	}
	if (row.next_attempt_at > now) {
		return row.last_error
			? { kind: 'retry', at: row.next_attempt_at, reply: row.last_error }
			: { kind: 'scheduled', at: row.next_attempt_at };
	}
	return hold ? { kind: 'held', hold } : { kind: 'due' };
}
