import type { Db } from '../db';
import type { OutboxMessage } from '../db/schema';
import { addMs, nowIso } from '../time';
import type { Lease, LeaseKeeper } from './leases';
import { attachmentsFor, claimDueMessages } from './repository';

// Claiming: the worker takes due messages in batches, each batch under one lease.

export type Attachment = Awaited<ReturnType<typeof attachmentsFor>>[number];

/** A claimed message waiting for a free send slot (not yet handed to the server). */
export interface Claimed {
	row: OutboxMessage;
	attachments: Attachment[];
	/** The claim's lease, whose value names this claim when it is given back. */
	lease: Lease;
	/** Date.now() after which the claim is too old to start a send under (half the lease). */
	staleAt: number;
}

/**
 * Claims up to `want` due messages for `owner` with their attachments, under one lease the
 * keeper renews while they are held. Empty when nothing is due.
 */
export async function claimBatch(
	db: Db,
	owner: string,
	leases: LeaseKeeper,
	want: number
): Promise<Claimed[]> {
	const now = nowIso();
	const leaseUntil = addMs(now, leases.leaseMs);
	const rows = await claimDueMessages(db, owner, now, leaseUntil, want);
	if (rows.length === 0) {
		return [];
	}
	const attachments = new Map<number, Attachment[]>();
	for (const a of await attachmentsFor(
		db,
		rows.map((r) => r.id)
	)) {
		attachments.set(a.message_id, [...(attachments.get(a.message_id) ?? []), a]);
	}
	const staleAt = Date.now() + leases.leaseMs / 2;
	const lease = leases.claim(
		rows.map((r) => r.id),
		leaseUntil
	);
	return rows.map((row) => ({ row, attachments: attachments.get(row.id) ?? [], lease, staleAt }));
}
