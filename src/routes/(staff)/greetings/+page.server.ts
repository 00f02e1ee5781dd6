import { getDb } from '$lib/server/db';
import { todayIn } from '$lib/server/accounts/review';
import { requireRole } from '$lib/server/auth/guard';
import { getSettings } from '$lib/server/settings/service';
import { failFromDomain, parseForm } from '$lib/server/forms';
import { listCustomOccasions } from '$lib/server/greetings/repository';
import { reviewOverdue, upcomingOccasions, UPCOMING_DAYS } from '$lib/server/greetings/upcoming';
import {
	addCustomOccasion,
	customOccasionSchema,
	removeCustomOccasion
} from '$lib/server/greetings/occasion-service';
import {
	loadRecurring,
	recurringDefaults,
	recurringSchema,
	saveRecurring
} from '$lib/server/greetings/recurring';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	const db = getDb();
	const today = todayIn((await getSettings(db)).default_time_zone);
	const [entries, review, custom] = await Promise.all([
		upcomingOccasions(db, today),
		reviewOverdue(db, today),
		listCustomOccasions(db)
	]);
	const recurring = locals.user ? await loadRecurring(db, locals.user.id) : recurringDefaults;
	return { today, days: UPCOMING_DAYS, entries, review, custom, recurring };
}) satisfies PageServerLoad;

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
