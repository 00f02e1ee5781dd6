import { m } from '$lib/paraglide/messages';
import type {
	AnswerSource,
	GatheringStatus,
	InviteeRole,
	InviteeStatus,
	Tier
} from '$lib/domain/codes';

// Labels shared by the gathering pages (list, form, dashboard, guest list).

export const statusLabel = (s: GatheringStatus): string =>
	({
		draft: m.gatherings_status_draft(),
		open: m.gatherings_status_open(),
		closed: m.gatherings_status_closed(),
		done: m.gatherings_status_done()
	})[s];

export const statusClass = (s: GatheringStatus): string =>
	({
		draft: 'bg-stone-100 text-stone-700',
		open: 'bg-green-100 text-green-800',
		closed: 'bg-amber-100 text-amber-800',
		done: 'bg-stone-200 text-stone-600'
	})[s];

export const transitionLabel = (s: GatheringStatus): string =>
	({
		draft: m.gatherings_action_draft(),
		open: m.gatherings_action_open(),
		closed: m.gatherings_action_closed(),
		done: m.gatherings_action_done()
	})[s];

export const roleCodes: InviteeRole[] = ['guest', 'executive', 'staff'];
export const roleLabel = (r: InviteeRole | string): string =>
	(
		({
			guest: m.gatherings_role_guest(),
			executive: m.gatherings_role_executive(),
			staff: m.gatherings_role_staff()
		}) as Record<string, string>
	)[r] ?? r;

export const inviteeStatusCodes: InviteeStatus[] = [
	'not_invited',
	'invited',
	'accepted',
	'declined'
];
export const inviteeStatusLabel = (s: InviteeStatus): string =>
	({
		not_invited: m.gatherings_invitee_not_invited(),
		invited: m.gatherings_invitee_invited(),
		accepted: m.gatherings_invitee_accepted(),
		declined: m.gatherings_invitee_declined()
	})[s];
export const inviteeStatusClass = (s: InviteeStatus): string =>
	({
		not_invited: 'bg-stone-100 text-stone-700',
		invited: 'bg-sky-100 text-sky-800',
		accepted: 'bg-green-100 text-green-800',
		declined: 'bg-red-100 text-red-800'
	})[s];

export const sourceLabel = (s: AnswerSource): string =>
	({
		link: m.gatherings_source_link(),
		phone: m.gatherings_source_phone(),
		staff: m.gatherings_source_staff(),
		walk_in: m.gatherings_source_walk_in()
	})[s];

export const tierCodes: Tier[] = ['key', 'potential', 'regular'];
export const tierLabel = (t: Tier | string | null): string =>
	t === null
		? m.gatherings_tier_none()
		: ((
				{
					key: m.gatherings_tier_key(),
					potential: m.gatherings_tier_potential(),
					regular: m.gatherings_tier_regular()
				} as Record<string, string>
			)[t] ?? t);
