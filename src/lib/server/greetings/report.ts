import type { Executor } from '../db';
import { NotFoundError } from '../errors';
import { toCsv } from '../csv/write';
import { currentLocale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { ledgerStateLabel, skipReasonLabel } from '$lib/domain/greetings-labels';
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
		m.greetings_csv_name,
		m.greetings_csv_company,
		m.greetings_csv_email,
		m.greetings_csv_language,
		m.greetings_csv_state,
		m.greetings_csv_reason,
		m.greetings_csv_due,
		m.greetings_csv_sent_at,
		m.greetings_csv_message_id,
		m.greetings_csv_error
	].map((label) => label({}, { locale }));
	const csv = toCsv(
		header,
		lines.map((l) => [
			l.name,
			l.company,
			l.email,
			l.locale,
			ledgerStateLabel[l.state]({}, { locale }),
			l.reason ? skipReasonLabel[l.reason]({}, { locale }) : '',
			l.due_at,
			l.sent_at,
			l.message_id,
			l.last_error
		])
	);
	return { filename: `greetings-${id}.csv`, csv };
}
