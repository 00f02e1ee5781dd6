import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireRole } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { setFlash } from '$lib/server/flash';
import { failFromDomain, parseForm } from '$lib/server/forms';
import { loadCompanySettings, saveCompany, settingsSchema } from '$lib/server/settings/service';
import { uploadedBytes } from '$lib/server/settings/setup';
import type { Actions, PageServerLoad } from './$types';

export const load = (async () => {
	const company = await loadCompanySettings(getDb());
	return {
		settings: company.settings,
		/** A version for the image URL, so a new logo is not served from the browser's cache. */
		logo: company.logoVersion,
		mail: { smtpConfigured: config.smtpUrl !== null, from: config.mailFrom },
		publicBaseUrl: config.publicBaseUrl
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		requireRole(event, 'admin');
		const form = await event.request.formData();
		const parsed = parseForm(settingsSchema, form);
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			await saveCompany(getDb(), parsed.data, {
				logo: await uploadedBytes(form.get('logo')),
				removeLogo: form.get('remove_logo') === 'on'
			});
		} catch (err) {
			return failFromDomain(err, parsed.data);
		}
		setFlash(event.cookies, { type: 'success', message: m.common_saved() });
		redirect(303, '/settings');
	}
} satisfies Actions;
