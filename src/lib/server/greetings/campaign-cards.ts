import type { z } from 'zod';
import type { Executor } from '../db';
import type { Locale } from '../db/schema';
import { ConflictError, DomainError, NotFoundError } from '../errors';
import { inTransaction } from '../accounts/transaction';
import * as repo from './campaign-repository';
import { mustFind } from './campaigns';
import type { cardSchema } from './campaign-form';
import { cardSvg, isPng, MAX_CARD_BYTES, renderCardPng } from './card';

/** A campaign's greeting card per language: made from a design, uploaded, removed, downloaded. */

async function setCard(
	db: Executor,
	id: number,
	locale: Locale,
	values: { card_png: Buffer | null; card_text: string | null; card_design: string | null }
) {
	await inTransaction(db, async (trx) => {
		const campaign = await mustFind(trx, id);
		if (campaign.status !== 'draft') {
			throw new ConflictError('greetings_error_not_draft');
		}
		if (!(await repo.updateTemplateCard(trx, id, locale, values))) {
			throw new DomainError('greetings_error_card_needs_template');
		}
	});
}

/** A card from a built-in design with the greeting text set in Noto Sans SC. */
export async function makeCard(db: Executor, id: number, input: z.output<typeof cardSchema>) {
	const png = renderCardPng(cardSvg(input.design, input.title, input.text));
	await setCard(db, id, input.locale, {
		card_png: png,
		card_text: `${input.title} ${input.text}`.trim(),
		card_design: input.design
	});
}

export async function uploadCard(db: Executor, id: number, locale: Locale, bytes: Buffer) {
	if (bytes.length > MAX_CARD_BYTES) {
		throw new DomainError('greetings_error_card_size');
	}
	if (!isPng(bytes)) {
		throw new DomainError('greetings_error_card_type');
	}
	await setCard(db, id, locale, { card_png: bytes, card_text: null, card_design: null });
}

export async function removeCard(db: Executor, id: number, locale: Locale) {
	await setCard(db, id, locale, { card_png: null, card_text: null, card_design: null });
}

export async function cardPng(db: Executor, id: number, locale: Locale): Promise<Buffer> {
	const card = await repo.findCard(db, id, locale);
	if (!card?.card_png) {
		throw new NotFoundError('greetings_error_campaign_not_found');
	}
	return card.card_png;
}
