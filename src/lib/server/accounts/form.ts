import { fail, type ActionFailure } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import type { Account } from '../db/schema';
import { DomainError } from '../errors';
import { failFromDomain, type FormFailure } from '../forms';
import { formatMonthDay } from '../contacts/schema';

/** Minor units → the text a form shows: 125000050 → '1250000.5'. */
export function minorToInput(minor: number): string {
	const sign = minor < 0 ? '-' : '';
	const abs = Math.abs(minor);
	const fraction = String(abs % 100)
		.padStart(2, '0')
		.replace(/0+$/, '');
	return `${sign}${Math.floor(abs / 100)}${fraction ? `.${fraction}` : ''}`;
}

export function accountFormValues(account: Account, tags: string[]): FormFailure['values'] {
	return {
		name: account.name,
		name_en: account.name_en ?? '',
		industry: account.industry ?? '',
		region: account.region ?? '',
		channel: account.channel,
		currency: account.currency,
		annual_sales: minorToInput(account.annual_sales_minor),
		annual_profit: minorToInput(account.annual_profit_minor),
		owner_user_id: account.owner_user_id ? String(account.owner_user_id) : '',
		tags: tags.join(', '),
		notes: account.notes ?? '',
		competitor_notes: account.competitor_notes ?? '',
		last_reviewed_on: account.last_reviewed_on ?? '',
		anniversary: formatMonthDay(account.anniversary, account.anniversary_year),
		tier_override: account.tier_override ?? '',
		tier_override_reason: account.tier_override_reason ?? ''
	};
}

/** Service errors that belong to one field of the form, shown there. */
const fieldOf: Record<string, string> = {
	accounts_error_override_reason: 'tier_override_reason',
	accounts_error_owner_unknown: 'owner_user_id'
};

/** A service error as a form failure; one that concerns a field shows at that field. */
export function accountFormFailure(
	err: unknown,
	values: FormFailure['values']
): ActionFailure<FormFailure> {
	const field = err instanceof DomainError ? fieldOf[err.messageKey] : undefined;
	if (err instanceof DomainError && field) {
		return fail(400, {
			values,
			errors: { [field]: t(err.messageKey) },
			message: m.error_form()
		} satisfies FormFailure);
	}
	return failFromDomain(err, values);
}
