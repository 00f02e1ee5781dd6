import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

export const greetingsHref = (): ResolvedPathname => resolve('/(staff)/greetings');
export const campaignsHref = (): ResolvedPathname => resolve('/(staff)/campaigns');
/** The new-campaign form, set up for an occasion (and a person, for a personal date). */
export const newCampaignHref = (occasion: string, contactId?: number | null): ResolvedPathname =>
	resolve(
		`/(staff)/campaigns?occasion=${encodeURIComponent(occasion)}${contactId ? `&contact=${contactId}` : ''}`
	);
