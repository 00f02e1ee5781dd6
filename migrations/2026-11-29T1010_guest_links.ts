import type { Kysely } from 'kysely';

/**
 * Guest links are derived from a secret outside the database (HMAC of a nonce), so stored
 * messages hold a placeholder and rsvp_token keeps the nonce. Messages written before this
 * held the real links: they are masked here, so a copy of the database opens no link. A message
 * still waiting to be sent would go out with a masked link, so it is marked failed with a reason
 * (staff send the invitation again; that mints a new link).
 */
const LINK = /(\/rsvp\/)([A-Za-z0-9]{16,100})/g;
const REASON = 'Personal link removed on upgrade (links are no longer stored): send it again.';

function mask(text: string): string {
	return text.replace(LINK, (_, path: string, token: string) => path + '*'.repeat(token.length));
}

/** As mask(), also across iCalendar line folds, which are put back where they were. */
function maskFolded(text: string): string {
	const folds: { at: number; fold: string }[] = [];
	let removed = 0;
	const flat = text.replace(/\r\n[ \t]/g, (fold: string, offset: number) => {
		folds.push({ at: offset - removed, fold });
		removed += fold.length;
		return '';
	});
	const masked = mask(flat);
	let out = '';
	let from = 0;
	for (const { at, fold } of folds) {
		out += masked.slice(from, at) + fold;
		from = at;
	}
	return out + masked.slice(from);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('rsvp_token').addColumn('link_nonce', 'text').execute();

	const messages = await db
		.selectFrom('outbox_message')
		.select(['id', 'status', 'html', 'text'])
		.where((eb) => eb.or([eb('html', 'like', '%/rsvp/%'), eb('text', 'like', '%/rsvp/%')]))
		.execute();
	for (const m of messages) {
		const html = mask(m.html);
		const text = mask(m.text);
		if (html === m.html && text === m.text) {
			continue;
		}
		await db
			.updateTable('outbox_message')
			.set(
				m.status === 'queued'
					? {
							html,
							text,
							status: 'failed',
							lease_owner: null,
							lease_until: null,
							last_error: REASON
						}
					: { html, text }
			)
			.where('id', '=', m.id)
			.execute();
	}
	const attachments = await db
		.selectFrom('outbox_attachment')
		.select(['id', 'content'])
		.where('content_type', 'like', 'text/%')
		.execute();
	for (const a of attachments) {
		const before = Buffer.from(a.content).toString('utf8');
		const after = maskFolded(before);
		if (after !== before) {
			await db
				.updateTable('outbox_attachment')
				.set({ content: Buffer.from(after, 'utf8') })
				.where('id', '=', a.id)
				.execute();
		}
	}
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('rsvp_token').dropColumn('link_nonce').execute();
}
