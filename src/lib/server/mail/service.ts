import { z } from 'zod';
import { waitReason } from '$lib/domain/outbox';
import { config } from '../config';
import type { Executor } from '../db';
import { ConflictError, NotFoundError } from '../errors';
import { nowIso } from '../time';
import {
	attachmentList,
	countByStatus,
	distinctKinds,
	findAttachment,
	findMessage,
	inlineParts,
	listMessages,
	requeueFailed
} from './repository';
import { htmlForPreview } from './preview';
import { mailHold, wakeMailWorker } from './worker-process';
import { maskLinks, maskLinksIn } from '../rsvp/links';

export const OUTBOX_PAGE_SIZE = 25;

const listQuerySchema = z.object({
	status: z.enum(['queued', 'sent', 'failed']).nullable().catch(null),
	kind: z.string().trim().max(60).nullable().catch(null),
	q: z.string().trim().max(200).nullable().catch(null),
	page: z.coerce.number().int().min(1).max(100_000).catch(1)
});

export type OutboxQuery = z.infer<typeof listQuerySchema>;

/** Bad or missing filter values fall back to "all", never to an error page. */
export function parseOutboxQuery(params: URLSearchParams): OutboxQuery {
	return listQuerySchema.parse({
		status: params.get('status') || null,
		kind: params.get('kind') || null,
		q: params.get('q') || null,
		page: params.get('page') ?? 1
	});
}

export async function loadOutboxList(db: Executor, query: OutboxQuery) {
	const [list, counts, kinds] = await Promise.all([
		listMessages(db, { ...query, perPage: OUTBOX_PAGE_SIZE }),
		countByStatus(db),
		distinctKinds(db)
	]);
	const hold = mailHold();
	const now = nowIso();
	return {
		...list,
		rows: list.rows.map(({ lease_owner, lease_until, ...row }) => ({
			...row,
			wait: waitReason({ ...row, lease_owner, lease_until }, hold, now)
		})),
		page: query.page,
		pages: Math.max(1, Math.ceil(list.total / OUTBOX_PAGE_SIZE)),
		counts,
		kinds,
		hold
	};
}

export async function loadOutboxMessage(db: Executor, id: number) {
	const message = await findMessage(db, id);
	if (!message) {
		throw new NotFoundError('outbox_error_not_found');
	}
	const hold = mailHold();
	return {
		// Staff see a message as sent, with every personal link masked (the stored copy holds only
		// placeholders; masking keeps a placeholder from looking like part of a link).
		message: {
			...message,
			html: htmlForPreview(maskLinks(message.html), await inlineParts(db, id)),
			text: maskLinks(message.text)
		},
		wait: waitReason(message, hold, nowIso()),
		attachments: await attachmentList(db, id),
		hold,
		mailFrom: config.mailFrom
	};
}

/** Staff put a failed message back in the queue; it goes out at once when a worker runs. */
export async function retryMessage(db: Executor, id: number): Promise<void> {
	const message = await findMessage(db, id);
	if (!message) {
		throw new NotFoundError('outbox_error_not_found');
	}
	if (!(await requeueFailed(db, id, nowIso()))) {
		throw new ConflictError('outbox_error_not_failed');
	}
	wakeMailWorker();
}

export async function loadAttachment(db: Executor, messageId: number, id: number) {
	const attachment = await findAttachment(db, messageId, id);
	if (!attachment) {
		throw new NotFoundError('outbox_error_not_found');
	}
	return { ...attachment, content: maskLinksIn(attachment.content) };
}
