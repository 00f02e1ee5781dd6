import type { MessageKey } from '$lib/i18n';

/** Activity actions this area records, with the message key that names each (for history lists). */
export const BADGES_ACTIVITY_LABELS: Record<string, MessageKey> = {
	'badges.printed': 'badges_action_printed',
	'gathering.badge_palette_updated': 'badges_action_palette',
	'invitee.checked_in': 'checkin_action_checked_in',
	'invitee.check_in_undone': 'checkin_action_undone',
	'invitee.companions_arrived': 'checkin_action_companions',
	'invitee.pack_handed': 'checkin_action_pack',
	'invitee.walked_in': 'checkin_action_walked_in',
	'material.uploaded': 'materials_action_uploaded',
	'material.deleted': 'materials_action_deleted'
};
