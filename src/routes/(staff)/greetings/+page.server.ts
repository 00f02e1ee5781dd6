import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { failFromDomain, parseForm } from '$lib/server/forms';
import {
	addCustomOccasion,
	customOccasionSchema,
	removeCustomOccasion
} from '$lib/server/greetings/occasion-service';
import { recurringSchema, saveRecurring } from '$lib/server/greetings/recurring';
import { loadUpcomingPage } from '$lib/server/greetings/pages';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) =>
	loadUpcomingPage(getDb(), locals.user?.id ?? null)) satisfies PageServerLoad;

export const actions = {
	recurring: async (event) => {
		const user = requireRole(event, 'organizer');
		const parsed = parseForm(recurringSchema, await event.request.formData());
		if (!parsed.ok) {
			return parsed.failure;
		}
		await saveRecurring(getDb(), user.id, parsed.data);
		return { recurringSaved: true };
	},
	addOccasion: async (event) => {
		requireRole(event, 'admin');
		const parsed = parseForm(customOccasionSchema, await event.request.formData());
		if (!parsed.ok) {
			return parsed.failure;
		}
		await addCustomOccasion(getDb(), parsed.data);
		return { added: true };
	},
	deleteOccasion: async (event) => {
		requireRole(event, 'admin');
		const id = Number((await event.request.formData()).get('id'));
		try {
			await removeCustomOccasion(getDb(), id);
		} catch (err) {
			return failFromDomain(err);
		}
		return { deleted: true };
	}
} satisfies Actions;
