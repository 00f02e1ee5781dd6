import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

export const greetingsHref = (): ResolvedPathname => resolve('/(staff)/greetings');
export const campaignsHref = (): ResolvedPathname => resolve('/(staff)/campaigns');
/** The new-campaign form, set up for an occasion (and a person, for a personal date). */
export const newCampaignHref = (occasion: string, contactId?: number | null): ResolvedPathname =>
	resolve(
		`/(staff)/campaigns/new?occasion=${encodeURIComponent(occasion)}${contactId ? `&contact=${contactId}` : ''}`
	);
export const campaignHref = (id: number): ResolvedPathname =>
	resolve('/(staff)/campaigns/[id=id]', { id: String(id) });
export const campaignReportHref = (id: number): ResolvedPathname =>
	resolve('/(staff)/campaigns/[id=id]/report.csv', { id: String(id) });
