import { redirect } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { requireRole } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { setFlash } from '$lib/server/flash';
import { parseForm } from '$lib/server/forms';
import { getSettings, saveSettings, settingsSchema } from '$lib/server/settings/service';
import type { Actions, PageServerLoad } from './$types';

export const load = (async () => {
	return {
		settings: await getSettings(getDb()),
		mail: { smtpConfigured: config.smtpUrl !== null, from: config.mailFrom },
		publicBaseUrl: config.publicBaseUrl
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		requireRole(event, 'admin');
		const parsed = parseForm(settingsSchema, await event.request.formData());
		if (!parsed.ok) {
			return parsed.failure;
		}
		await saveSettings(getDb(), parsed.data);
		setFlash(event.cookies, { type: 'success', message: t('common_saved') });
		redirect(303, '/settings');
	}
} satisfies Actions;
