import { error, fail, type ActionFailure } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { failFromDomain, type FormFailure } from '../forms';
import { EmailTakenError } from './service';

/** A service error as a form failure; a taken email shows at the email field. */
export function contactFormFailure(
	err: unknown,
	values: FormFailure['values']
): ActionFailure<FormFailure> {
	if (err instanceof EmailTakenError) {
		return fail(400, {
			values,
			errors: { email: t(err.messageKey) },
			message: m.error_form()
		} satisfies FormFailure);
	}
	return failFromDomain(err, values);
}

/** The id in a /contacts/[id=id] URL, or a 404. */
export function contactIdParam(raw: string): number {
	const id = Number(raw);
	if (!Number.isInteger(id) || id <= 0) {
		error(404, m.contacts_error_not_found());
	}
	return id;
}
