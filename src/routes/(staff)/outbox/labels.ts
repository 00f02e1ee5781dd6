import { hasMessage, t } from '$lib/i18n';

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

export function statusLabel(status: ShownStatus): string {
	return t(`outbox_status_${status}`);
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

/** Kinds named by other features; an unknown kind shows as written. */
export function kindLabel(kind: string): string {
	const key = `outbox_kind_${kind}`;
	return hasMessage(key) ? t(key) : kind;
}

export function formatBytes(size: number): string {
	return size < 1024 ? `${size} B` : `${(size / 1024).toFixed(1)} KB`;
}
