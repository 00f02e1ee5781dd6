import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

// Labels shared by the invitations and calls pages.

export function statusLabel(status: string): string {
	switch (status) {
		case 'invited':
			return m.invitations_status_invited();
		case 'accepted':
			return m.invitations_status_accepted();
		case 'declined':
			return m.invitations_status_declined();
		default:
			return m.invitations_status_not_invited();
	}
}

export function sourceLabel(source: string | null): string {
	switch (source) {
		case 'link':
			return m.invitations_source_link();
		case 'phone':
			return m.invitations_source_phone();
		case 'staff':
			return m.invitations_source_staff();
		case 'walk_in':
			return m.invitations_source_walk_in();
		default:
			return '';
	}
}

export function tierLabel(tier: string | null): string {
	switch (tier) {
		case 'key':
			return m.invitations_tier_key();
		case 'potential':
			return m.invitations_tier_potential();
		case 'regular':
			return m.invitations_tier_regular();
		default:
			return '';
	}
}

export function outcomeLabel(outcome: string): string {
	switch (outcome) {
		case 'confirmed':
			return m.invitations_outcome_confirmed();
		case 'declined':
			return m.invitations_outcome_declined();
		case 'no_answer':
			return m.invitations_outcome_no_answer();
		default:
			return m.invitations_outcome_call_back();
	}
}

export function actionLabel(action: string): string {
	switch (action) {
		case 'invitee.invited':
			return m.invitations_history_invited();
		case 'invitee.reinvited':
			return m.invitations_history_reinvited();
		case 'invitee.reminded':
			return m.invitations_history_reminded();
		case 'invitee.answered':
			return m.invitations_history_answered();
		case 'invitee.answer_cleared':
			return m.invitations_history_cleared();
		case 'call.logged':
			return m.invitations_history_call();
		case 'gathering.update_sent':
			return m.invitations_history_update();
		default:
			return action;
	}
}

/** A time in the gathering's zone, the same on server and browser (no hydration drift). */
export function formatTime(iso: string | null, timeZone: string): string {
	if (!iso) {
		return '';
	}
	return new Intl.DateTimeFormat(getLocale() === 'en' ? 'en-GB' : 'zh-CN', {
		timeZone,
		dateStyle: 'medium',
		timeStyle: 'short',
		hourCycle: 'h23'
	}).format(new Date(iso));
}

/** What a history entry's JSON details say, in one short line. */
export function detailLine(details: string): string {
	try {
		const d = JSON.parse(details) as Record<string, unknown>;
		const parts: string[] = [];
		if (typeof d.name === 'string') {
			parts.push(d.name);
		}
		if (typeof d.status === 'string') {
			parts.push(statusLabel(d.status));
		}
		if (typeof d.outcome === 'string') {
			parts.push(outcomeLabel(d.outcome));
		}
		if (typeof d.source === 'string') {
			parts.push(sourceLabel(d.source));
		}
		if (typeof d.note === 'string' && d.note) {
			parts.push(`“${d.note}”`);
		}
		if (d.automatic === true) {
			parts.push(m.invitations_history_automatic());
		}
		return parts.join(' · ');
	} catch {
		return '';
	}
}
