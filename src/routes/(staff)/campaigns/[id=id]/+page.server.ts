import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { failFromDomain, formToObject, parseForm } from '$lib/server/forms';
import { utcIsoToLocal } from '$lib/server/gatherings/zoned';
import {
	cancelCampaign,
	editAudience,
	pauseCampaign,
	resumeCampaign,
	setFilter,
	startCampaign,
	updateCampaign
} from '$lib/server/greetings/campaigns';
import { campaignSchema, cardSchema } from '$lib/server/greetings/campaign-form';
import { makeCard, removeCard, uploadCard } from '$lib/server/greetings/campaign-cards';
import { sendTestGreeting } from '$lib/server/greetings/campaign-preview';
import { filterFromForm, loadCampaignPage } from '$lib/server/greetings/pages';
import { DomainError, NotFoundError } from '$lib/server/errors';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load = (async ({ params, url }) => {
	try {
		const data = await loadCampaignPage(
			getDb(),
			Number(params.id),
			url.searchParams.get('q') ?? '',
			Number(url.searchParams.get('preview')) || null
		);
		const c = data.campaign;
		const tpl = (locale: string) => data.templates.find((x) => x.locale === locale);
		return {
			...data,
			q: url.searchParams.get('q') ?? '',
			formValues: {
				name: c.name,
				occasion: c.occasion,
				occasion_date: c.occasion_date,
				send_mode: c.send_mode,
				send_date: c.send_date ?? c.occasion_date,
				send_local: c.send_at ? utcIsoToLocal(c.send_at, c.send_zone) : `${c.occasion_date}T09:00`,
				send_zone: c.send_zone,
				sender_mode: c.sender_mode,
				sender_user_id: c.sender_user_id ?? '',
				subject_zh: tpl('zh-CN')?.subject ?? '',
				body_zh: tpl('zh-CN')?.body ?? '',
				subject_en: tpl('en')?.subject ?? '',
				body_en: tpl('en')?.body ?? ''
			}
		};
	} catch (err) {
		if (err instanceof NotFoundError) {
			error(404, m.error_not_found());
		}
		throw err;
	}
}) satisfies PageServerLoad;

type Step = (db: ReturnType<typeof getDb>, id: number, userId: number | null) => Promise<void>;

function step(run: Step) {
	return async (event: RequestEvent) => {
		const user = requireRole(event, 'organizer');
		try {
			await run(getDb(), Number(event.params.id), user.id);
		} catch (err) {
			return failFromDomain(err);
		}
		return { ok: true };
	};
}

export const actions = {
	update: async (event) => {
		requireRole(event, 'organizer');
		const form = await event.request.formData();
		const parsed = parseForm(campaignSchema, form);
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			await updateCampaign(getDb(), Number(event.params.id), parsed.data);
		} catch (err) {
			return failFromDomain(err, formToObject(form));
		}
		return { saved: true };
	},
	filter: async (event) => {
		requireRole(event, 'organizer');
		const filter = filterFromForm(await event.request.formData());
		try {
			await setFilter(getDb(), Number(event.params.id), filter);
		} catch (err) {
			return failFromDomain(err);
		}
		return { ok: true };
	},
	add: async (event) => {
		requireRole(event, 'organizer');
		const contact = Number((await event.request.formData()).get('contact'));
		try {
			await editAudience(getDb(), Number(event.params.id), contact, true);
		} catch (err) {
			return failFromDomain(err);
		}
		return { ok: true };
	},
	remove: async (event) => {
		requireRole(event, 'organizer');
		const contact = Number((await event.request.formData()).get('contact'));
		try {
			await editAudience(getDb(), Number(event.params.id), contact, false);
		} catch (err) {
			return failFromDomain(err);
		}
		return { ok: true };
	},
	start: step(startCampaign),
	pause: step(pauseCampaign),
	resume: step(resumeCampaign),
	cancel: step(cancelCampaign),
	card: async (event) => {
		requireRole(event, 'organizer');
		const form = await event.request.formData();
		const parsed = parseForm(cardSchema, form);
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			await makeCard(getDb(), Number(event.params.id), parsed.data);
		} catch (err) {
			return failFromDomain(err);
		}
		return { carded: true };
	},
	uploadCard: async (event) => {
		requireRole(event, 'organizer');
		const form = await event.request.formData();
		const file = form.get('file');
		const locale = form.get('locale') === 'en' ? 'en' : 'zh-CN';
		try {
			if (!(file instanceof File) || file.size === 0) {
				throw new DomainError('greetings_error_card_type');
			}
			await uploadCard(
				getDb(),
				Number(event.params.id),
				locale,
				Buffer.from(await file.arrayBuffer())
			);
		} catch (err) {
			return failFromDomain(err);
		}
		return { carded: true };
	},
	removeCard: async (event) => {
		requireRole(event, 'organizer');
		const locale = (await event.request.formData()).get('locale') === 'en' ? 'en' : 'zh-CN';
		try {
			await removeCard(getDb(), Number(event.params.id), locale);
		} catch (err) {
			return failFromDomain(err);
		}
		return { carded: true };
	},
	test: async (event) => {
		const user = requireRole(event, 'organizer');
		try {
			const count = await sendTestGreeting(getDb(), Number(event.params.id), user);
			return { tested: count };
		} catch (err) {
			return failFromDomain(err);
		}
	}
} satisfies Actions;
