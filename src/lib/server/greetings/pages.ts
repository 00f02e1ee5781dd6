import { htmlForPreview } from '../mail/preview';
import { companyToday } from '../today';
import type { Executor } from '../db';
import { listActiveUsers } from '../users/repository';
import { listAllTags } from '../accounts/repository';
import { listAccountChoices } from '../contacts/repository';
import { findContactById, findContactsWithCompany } from '../contacts/repository';
import { getSettings } from '../settings/service';
import { todayIn } from '../accounts/review';
import * as repo from './campaign-repository';
import { loadAudience, loadCampaign } from './campaigns';
import { campaignDefaults, audienceFilterSchema } from './campaign-form';
import { previewGreeting } from './campaign-preview';
import { CARD_CID } from './render';
import { listCustomOccasions } from './repository';
import { reviewOverdue, upcomingOccasions, UPCOMING_DAYS } from './upcoming';
import { loadRecurring, recurringDefaults } from './recurring';

/** What the campaign list shows: each campaign with its ledger counts. */
/** The Upcoming page: the next 60 days' occasions, overdue client reviews, custom occasions and the user's recurring greetings. */
export async function loadUpcomingPage(db: Executor, userId: number | null) {
	const today = await companyToday(db);
	const [entries, review, custom, recurring] = await Promise.all([
		upcomingOccasions(db, today),
		reviewOverdue(db, today),
		listCustomOccasions(db),
		userId === null ? recurringDefaults : loadRecurring(db, userId)
	]);
	return { today, days: UPCOMING_DAYS, entries, review, custom, recurring };
}

export async function loadCampaignList(db: Executor) {
	const campaigns = await repo.listCampaigns(db);
	return Promise.all(
		campaigns.map(async (c) => ({ ...c, counts: await repo.ledgerCounts(db, c.id) }))
	);
}

async function choices(db: Executor) {
	const [users, accounts, tags, custom] = await Promise.all([
		listActiveUsers(db),
		listAccountChoices(db),
		listAllTags(db),
		listCustomOccasions(db)
	]);
	return { users: users.map((u) => ({ id: u.id, name: u.name })), accounts, tags, custom };
}

/** The new-campaign form, set up for an occasion (and a person) from the Upcoming page. */
export async function loadNewCampaign(db: Executor, occasion: string, contactId: number | null) {
	const settings = await getSettings(db);
	const today = todayIn(settings.default_time_zone);
	const contact = contactId ? await findContactById(db, contactId) : undefined;
	return {
		defaults: await campaignDefaults(db, occasion, today, settings.default_time_zone),
		contact: contact ? { id: contact.id, name: contact.name } : null,
		...(await choices(db))
	};
}

/** The campaign page: the campaign, its progress, audience and what its forms offer. */
export async function loadCampaignPage(
	db: Executor,
	id: number,
	search: string,
	previewContactId: number | null
) {
	const data = await loadCampaign(db, id);
	const [audience, lists, found, lines] = await Promise.all([
		loadAudience(db, data.campaign),
		choices(db),
		search
			? findContactsWithCompany(db, { q: search }, 20)
			: Promise.resolve([] as Awaited<ReturnType<typeof findContactsWithCompany>>),
		data.campaign.status === 'draft' ? Promise.resolve([]) : repo.ledgerLines(db, id, 500)
	]);
	const preview = previewContactId ? await previewWithCard(db, id, previewContactId) : null;
	return { ...data, audience, ...lists, found, lines, preview };
}

/** A recipient's greeting for the preview frame, the card as a data: URL in place of its cid. */
async function previewWithCard(db: Executor, id: number, contactId: number) {
	try {
		const message = await previewGreeting(db, id, contactId);
		const card = await repo.findCard(db, id, message.locale);
		const html = htmlForPreview(
			message.html,
			card?.card_png
				? [{ contentId: CARD_CID, contentType: 'image/png', content: card.card_png }]
				: []
		);
		return {
			contactId,
			subject: message.subject,
			html,
			text: message.text,
			fromName: message.fromName
		};
	} catch {
		return null;
	}
}

export function filterFromForm(form: FormData): repo.AudienceFilter {
	const get = (k: string) => form.get(k) ?? undefined;
	return audienceFilterSchema.parse({
		tier: get('tier'),
		channel: get('channel'),
		ownerUserId: get('owner'),
		tag: get('tag'),
		accountId: get('account'),
		locale: get('locale'),
		manualOnly: get('manualOnly')
	});
}
