import type { Executor } from '../db';
import { NotFoundError } from '../errors';
import { toCsv } from '../csv/write';
import { t } from '$lib/i18n';
import { currentLocale } from '$lib/i18n';
import { findCampaign, ledgerLines } from './campaign-repository';

/** The campaign's ledger as CSV (Excel-friendly, like the other exports): one row per recipient. */
export async function campaignReportCsv(db: Executor, id: number) {
	const campaign = await findCampaign(db, id);
	if (!campaign) {
		throw new NotFoundError('greetings_error_campaign_not_found');
	}
	const lines = await ledgerLines(db, id);
	const locale = currentLocale();
	const header = [
		'greetings_csv_name',
		'greetings_csv_company',
		'greetings_csv_email',
		'greetings_csv_language',
		'greetings_csv_state',
		'greetings_csv_reason',
		'greetings_csv_due',
		'greetings_csv_sent_at',
		'greetings_csv_message_id',
		'greetings_csv_error'
	].map((key) => t(key, {}, locale));
	const csv = toCsv(
		header,
		lines.map((l) => [
			l.name,
			l.company,
			l.email,
			l.locale,
			t(`greetings_state_${l.state}`, {}, locale),
			l.reason ? t(`greetings_reason_${l.reason}`, {}, locale) : '',
			l.due_at,
			l.sent_at,
			l.message_id,
			l.last_error
		])
	);
	return { filename: `greetings-${id}.csv`, csv };
}
