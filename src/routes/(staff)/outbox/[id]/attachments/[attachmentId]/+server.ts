import { error } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { loadAttachment } from '$lib/server/mail/service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) => {
	const messageId = Number(params.id);
	const id = Number(params.attachmentId);
	if (!Number.isInteger(messageId) || !Number.isInteger(id)) {
		error(404, m.outbox_error_not_found());
	}
	try {
		const attachment = await loadAttachment(getDb(), messageId, id);
		return new Response(new Uint8Array(attachment.content), {
			headers: {
				'Content-Type': attachment.content_type,
				// Always a download, never rendered here: an attachment is content from elsewhere.
				'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
				'Content-Security-Policy': 'sandbox',
				'Cache-Control': 'private, no-store'
			}
		});
	} catch (err) {
		if (err instanceof DomainError) {
			error(err.status, t(err.messageKey));
		}
		throw err;
	}
};
