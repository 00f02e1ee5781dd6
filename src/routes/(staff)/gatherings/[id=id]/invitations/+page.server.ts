import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { currentLocale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { generateToken } from '$lib/server/auth/tokens';
import { setFlash } from '$lib/server/flash';
import { failFromDomain, parseForm } from '$lib/server/forms';
import { loadInvitationsPage } from '$lib/server/invitations/pages';
import {
	requestIdSchema,
	renewLink,
	sendGatheringUpdate,
	sendInvitations,
	sendReminders
} from '$lib/server/invitations/service';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ parent, url }) => {
	const { gathering } = await parent();
	const previewParam = Number(url.searchParams.get('preview'));
	const previewId = Number.isInteger(previewParam) && previewParam > 0 ? previewParam : null;
	const { invitees, preview, history } = await loadInvitationsPage(
		getDb(),
		gathering.id,
		previewId
	);
	return {
		gathering: {
			id: gathering.id,
			// The staff member's language picks the title (the page has no other bilingual text).
			title:
				currentLocale() === 'en' ? gathering.title_en || gathering.title_zh : gathering.title_zh,
			status: gathering.status,
			rsvp_deadline: gathering.rsvp_deadline,
			reminder_days_before: gathering.reminder_days_before,
			reminder_sent_at: gathering.reminder_sent_at,
			ics_sequence: gathering.ics_sequence,
			time_zone: gathering.time_zone
		},
		// Our own people host: they get an internal notice, never an invitation or a reminder.
		hosts: invitees.filter((i) => i.role !== 'guest').length,
		invitees: invitees
			.filter((i) => i.role === 'guest')
			.map((i) => ({
				id: i.id,
				name: i.name ?? '',
				name_latin: i.name_latin,
				account: i.account_name,
				tier: i.tier,
				email: i.email,
				locale: i.locale,
				status: i.status,
				answer_source: i.answer_source,
				answered_at: i.answered_at,
				invited_at: i.invited_at,
				last_reminded_at: i.last_reminded_at
			})),
		preview: preview
			? {
					inviteeId: previewId,
					subject: preview.mail.subject,
					from: preview.from,
					replyTo: preview.mail.replyTo,
					to: preview.mail.to.address,
					html: preview.mail.html,
					chineseOnly: preview.chineseOnly
				}
			: null,
		history,
		requestId: generateToken()
	};
}) satisfies PageServerLoad;

const idsField = z.array(z.coerce.number().int().positive()).max(5000);

const sendSchema = z
	.object({
		// The button pressed names the mode; a row's "resend" button sends only `one`.
		mode: z.enum(['all', 'selected', 'one'], { message: 'error_choice' }).default('one'),
		ids: idsField,
		one: z.string().default(''),
		request_id: requestIdSchema
	})
	.refine((v) => v.mode === 'all' || v.mode === 'one' || v.ids.length > 0, {
		message: 'invitations_error_select',
		path: ['ids']
	});

const remindSchema = z.object({
	ids: idsField.min(1, 'invitations_error_select'),
	request_id: requestIdSchema
});

const newLinkSchema = z.object({
	one: z.coerce.number().int().positive('invitations_error_select'),
	request_id: requestIdSchema
});

export const actions = {
	send: async ({ params, request, locals, cookies }) => {
		const id = Number(params.id);
		const parsed = parseForm(sendSchema, await request.formData(), { arrays: ['ids'] });
		if (!parsed.ok) {
			return parsed.failure;
		}
		const { mode, ids, one, request_id } = parsed.data;
		const oneId = Number(one);
		if (mode === 'one' && (!Number.isInteger(oneId) || oneId <= 0)) {
			return fail(400, { values: {}, errors: {}, message: m.invitations_error_select() });
		}
		const target = mode === 'all' ? 'all_not_invited' : mode === 'one' ? [oneId] : ids;
		let result;
		try {
			result = await sendInvitations(getDb(), id, target, request_id, locals.user?.id ?? null);
		} catch (err) {
			return failFromDomain(err);
		}
		setFlash(cookies, {
			type: result.sent > 0 ? 'success' : 'info',
			message: [
				m.invitations_sent({ sent: result.sent, skipped: result.skipped }),
				result.notified ? m.guests_notices_sent({ count: result.notified }) : ''
			]
				.filter(Boolean)
				.join(' ')
		});
		redirect(303, `/gatherings/${id}/invitations`);
	},
	remind: async ({ params, request, locals, cookies }) => {
		const id = Number(params.id);
		const parsed = parseForm(remindSchema, await request.formData(), { arrays: ['ids'] });
		if (!parsed.ok) {
			return parsed.failure;
		}
		let result;
		try {
			result = await sendReminders(
				getDb(),
				id,
				parsed.data.ids,
				parsed.data.request_id,
				locals.user?.id ?? null
			);
		} catch (err) {
			return failFromDomain(err);
		}
		setFlash(cookies, {
			type: result.sent > 0 ? 'success' : 'info',
			message: m.invitations_reminded({ sent: result.sent, skipped: result.skipped })
		});
		redirect(303, `/gatherings/${id}/invitations`);
	},
	/** A row's "new link": ends the guest's links and emails a new one. */
	newLink: async ({ params, request, locals, cookies }) => {
		const id = Number(params.id);
		const parsed = parseForm(newLinkSchema, await request.formData(), { arrays: ['ids'] });
		if (!parsed.ok) {
			return parsed.failure;
		}
		let result;
		try {
			result = await renewLink(
				getDb(),
				id,
				parsed.data.one,
				parsed.data.request_id,
				locals.user?.id ?? null
			);
		} catch (err) {
			return failFromDomain(err);
		}
		setFlash(cookies, {
			type: 'success',
			message: result.sent ? m.invitations_new_link_done() : m.invitations_new_link_done_no_email()
		});
		redirect(303, `/gatherings/${id}/invitations`);
	},
	/** Posted by the gathering's edit page after its time or venue changed (and from here). */
	sendUpdate: async ({ params, locals, cookies }) => {
		const id = Number(params.id);
		let result;
		try {
			result = await sendGatheringUpdate(getDb(), id, locals.user?.id ?? null);
		} catch (err) {
			return failFromDomain(err);
		}
		setFlash(cookies, {
			type: result.sent > 0 ? 'success' : 'info',
			message: m.invitations_update_sent({ sent: result.sent })
		});
		redirect(303, `/gatherings/${id}/invitations`);
	}
} satisfies Actions;
