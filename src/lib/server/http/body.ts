import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/**
 * The largest request body adapter-node lets through, in bytes, read from BODY_SIZE_LIMIT as it
 * reads it ('512K' by default; 'Infinity' for none).
 */
export function bodySizeLimit(env: string | undefined = process.env.BODY_SIZE_LIMIT): number {
	const text = (env ?? '512K').trim();
	if (text === 'Infinity' || text === '0') {
		return Infinity;
	}
	const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)b?$/i.exec(text);
	if (!match) {
		return 512 * 1024;
	}
	return Math.floor(Number(match[1]) * (UNITS[match[2].toLowerCase()] ?? 1));
}

/** 524288 → '512 KB', 26214400 → '25 MB'. */
export function formatBytes(bytes: number): string {
	if (bytes >= 1024 ** 2) {
		return `${Math.round((bytes / 1024 ** 2) * 10) / 10} MB`;
	}
	return `${Math.round(bytes / 1024)} KB`;
}

/** What a user sees when a body is over the limit: the limit, and the setting that raises it. */
export function bodyTooLargeMessage(): string {
	return m.security_error_body_too_large({ limit: formatBytes(bodySizeLimit()) });
}

function isTooLarge(err: unknown): boolean {
	const status = (err as { status?: unknown } | null)?.status;
	const causeStatus = (err as { cause?: { status?: unknown } } | null)?.cause?.status;
	return status === 413 || causeStatus === 413;
}

/**
 * Makes `request.formData()` fail as a clear 4xx instead of a 500: a body over BODY_SIZE_LIMIT
 * gives 413 with the limit and how to raise it, a body that is cut off or not the multipart it
 * claims to be gives 400. Every action reads its form through this, since the hook wraps the
 * request before any route sees it.
 */
export function guardFormData(request: Request): void {
	const read = request.formData.bind(request);
	request.formData = async () => {
		try {
			return await read();
		} catch (err) {
			if (isTooLarge(err)) {
				error(413, bodyTooLargeMessage());
			}
			error(400, m.security_error_body_incomplete());
		}
	};
}
