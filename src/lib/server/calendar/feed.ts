import type { Db, Executor } from '../db';
import { generateToken, hashToken } from '../auth/tokens';
import { NotFoundError } from '../errors';
import { nowIso } from '../time';
import { renderFeed } from './ics';
import { config } from '../config';

// A staff member's private subscription URL: /feed/<token>.ics lists every gathering. The
// token is stored hashed on the user; making a new one ends the old link.

export function feedUrl(token: string): string {
	return `${config.publicBaseUrl}/feed/${token}.ics`;
}

export async function createFeedToken(db: Db, userId: number): Promise<string> {
	const token = generateToken();
	await db
		.updateTable('user')
		.set({ calendar_feed_token_hash: hashToken(token), updated_at: nowIso() })
		.where('id', '=', userId)
		.execute();
	return token;
}

export async function hasFeedToken(db: Executor, userId: number): Promise<boolean> {
	const row = await db
		.selectFrom('user')
		.select('calendar_feed_token_hash')
		.where('id', '=', userId)
		.executeTakeFirst();
	return Boolean(row?.calendar_feed_token_hash);
}

export async function feedFor(db: Executor, token: string): Promise<string> {
	const user =
		token.length <= 100
			? await db
					.selectFrom('user')
					.select(['id', 'locale'])
					.where('calendar_feed_token_hash', '=', hashToken(token))
					.where('disabled_at', 'is', null)
					.executeTakeFirst()
			: undefined;
	if (!user) {
		throw new NotFoundError();
	}
	const gatherings = await db.selectFrom('gathering').selectAll().orderBy('starts_at').execute();
	const locale = user.locale ?? 'zh-CN';
	return renderFeed(gatherings, locale, locale === 'en' ? 'Gala gatherings' : 'Gala 活动');
}
