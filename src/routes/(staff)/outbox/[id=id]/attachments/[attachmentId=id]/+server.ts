import { getDb } from '$lib/server/db';
import { orHttpError } from '$lib/server/http/domain-error';
import { loadAttachment } from '$lib/server/mail/service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) => {
	const attachment = await orHttpError(
		loadAttachment(getDb(), Number(params.id), Number(params.attachmentId))
	);
	return new Response(new Uint8Array(attachment.content), {
		headers: {
			'Content-Type': attachment.content_type,
			// Always a download, never rendered here: an attachment is content from elsewhere.
			'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
			'Content-Security-Policy': 'sandbox',
			'Cache-Control': 'private, no-store'
		}
	});
};
