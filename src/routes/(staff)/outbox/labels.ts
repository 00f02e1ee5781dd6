import type { LabelFn } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

import type { MailHold, WaitReason } from '$lib/domain/outbox';

export type { MailHold };

export type ShownStatus = 'queued' | 'held' | 'sending' | 'retrying' | 'sent' | 'failed';

/** What staff need to know: a queued message that has never been tried while no SMTP is set is held. */
export function shownStatus(
	row: { status: 'queued' | 'sent' | 'failed'; attempts: number },
	hold: MailHold,
	wait: WaitReason | null = null
): ShownStatus {
	if (row.status !== 'queued') {
		return row.status;
	}
	if (wait?.kind === 'sending') {
		return 'sending';
	}
	if (row.attempts > 0) {
		return 'retrying';
	}
	return hold === 'no_smtp' ? 'held' : 'queued';
}

const statusLabels: Record<ShownStatus, LabelFn> = {
	queued: m.outbox_status_queued,
	held: m.outbox_status_held,
	sending: m.outbox_status_sending,
	retrying: m.outbox_status_retrying,
	sent: m.outbox_status_sent,
	failed: m.outbox_status_failed
};

export function statusLabel(status: ShownStatus): string {
	return statusLabels[status]();
}

export function statusClass(status: ShownStatus): string {
	return {
		queued: 'bg-sky-100 text-sky-900',
		held: 'bg-stone-200 text-stone-800',
		sending: 'bg-sky-100 text-sky-900',
		retrying: 'bg-amber-100 text-amber-900',
		sent: 'bg-emerald-100 text-emerald-900',
		failed: 'bg-red-100 text-red-900'
	}[status];
}

/** Kinds named by other features; a kind without a label here shows as written. */
const kindLabels = new Map<string, LabelFn>([
	['invitation', m.outbox_kind_invitation],
	['reminder', m.outbox_kind_reminder],
	['rsvp_confirmation', m.outbox_kind_rsvp_confirmation],
	['gathering_update', m.outbox_kind_gathering_update]
]);

export function kindLabel(kind: string): string {
	return kindLabels.get(kind)?.() ?? kind;
}

export function formatBytes(size: number): string {
	return size < 1024 ? `${size} B` : `${(size / 1024).toFixed(1)} KB`;
}
