import type { Db, Executor } from '../db';
import type { Locale } from '../db/schema';
import { generateToken, hashToken } from '../auth/tokens';
import { NotFoundError } from '../errors';
import { nowIso } from '../time';
import { renderFeed, renderGatheringIcs } from './ics';
import { config } from '../config';
import { requireGatheringRow } from '../gatherings/service';
import * as repo from './repository';

// A staff member's private subscription URL: /feed/<token>.ics lists every gathering. The
// token is stored hashed on the user; making a new one ends the old link.

export function feedUrl(token: string): string {
	return `${config.publicBaseUrl}/feed/${token}.ics`;
}

export async function createFeedToken(db: Db, userId: number): Promise<string> {
	const token = generateToken();
	await repo.setFeedTokenHash(db, userId, hashToken(token), nowIso());
	return token;
}

export async function hasFeedToken(db: Executor, userId: number): Promise<boolean> {
	return Boolean(await repo.findFeedTokenHash(db, userId));
}

export async function feedFor(db: Executor, token: string): Promise<string> {
	const user = token.length <= 100 ? await repo.findFeedUser(db, hashToken(token)) : undefined;
	if (!user) {
		throw new NotFoundError();
	}
	const gatherings = await repo.listGatheringsForFeed(db);
	const locale = user.locale ?? 'zh-CN';
	return renderFeed(gatherings, locale, locale === 'en' ? 'Gala gatherings' : 'Gala 活动');
}

/** One gathering's own calendar entry (UID = gathering.uid), for staff to download. */
export async function gatheringCalendar(
	db: Executor,
	gatheringId: number,
	locale: Locale
): Promise<{ filename: string; ics: string }> {
	const g = await requireGatheringRow(db, gatheringId);
	return { filename: `gathering-${g.id}.ics`, ics: renderGatheringIcs(g, locale) };
}
