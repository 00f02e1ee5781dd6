import type { MessageKey } from '$lib/i18n';

/**
 * Rule violations a service reports. `messageKey` names a message in messages/*.json so the route
 * can show it in the user's language; `params` fills its placeholders.
 */
export class DomainError extends Error {
	constructor(
		readonly messageKey: MessageKey,
		readonly params: Record<string, string | number> = {},
		readonly status: 400 | 403 | 404 | 409 | 429 = 400
	) {
		super(messageKey);
		this.name = new.target.name;
	}
}

export class NotFoundError extends DomainError {
	constructor(messageKey: MessageKey = 'error_not_found') {
		super(messageKey, {}, 404);
	}
}

export class ForbiddenError extends DomainError {
	constructor(messageKey: MessageKey = 'error_forbidden') {
		super(messageKey, {}, 403);
	}
}

export class ConflictError extends DomainError {
	constructor(messageKey: MessageKey, params: Record<string, string | number> = {}) {
		super(messageKey, params, 409);
	}
}

/** The row a service works on, or a NotFoundError with `messageKey` when there is none. */
export function found<T>(row: T | null | undefined, messageKey: MessageKey = 'error_not_found'): T {
	if (row === null || row === undefined) {
		throw new NotFoundError(messageKey);
	}
	return row;
}
