import { error } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { DomainError } from '../errors';

/**
 * What a load function or endpoint does with a service's answer: the value, or for a rule the
 * service reported (not found, forbidden, …) the matching HTTP error page in the user's
 * language. Anything else is a bug and goes on up.
 */
export async function orHttpError<T>(work: Promise<T>): Promise<T> {
	try {
		return await work;
	} catch (err) {
		if (err instanceof DomainError) {
			error(err.status, t(err.messageKey, err.params));
		}
		throw err;
	}
}
