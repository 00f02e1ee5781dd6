import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { currentLocale, issueMessage, t, type LabelFn } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { DomainError } from '../errors';
import { getDb } from '../db';
import { setFlash } from '../flash';
import { bodySizeLimit } from '../http/body';
import { accountColumnHint, accountColumns, contactColumnHint, contactColumns } from './columns';
import { MAX_CSV_BYTES } from './decode';
import { importAccounts, planAccountImport } from './import-accounts';
import { importContacts, planContactImport } from './import-contacts';
import type { ImportPlan } from './plan';
import { dropUpload, keepUpload, takeUpload } from './store';

type Kind = 'contacts' | 'accounts';

const spec = {
	contacts: {
		columns: contactColumns,
		hints: contactColumnHint as Readonly<Record<string, LabelFn>>,
		plan: planContactImport,
		run: importContacts,
		done: '/contacts'
	},
	accounts: {
		columns: accountColumns,
		hints: accountColumnHint as Readonly<Record<string, LabelFn>>,
		plan: planAccountImport,
		run: importAccounts,
		done: '/accounts'
	}
} as const;

/** Rows the preview lists: every row with an error, and the first 200 of the others. */
const PREVIEW_OK_ROWS = 200;

/**
 * The largest upload this server takes: adapter-node refuses request bodies over BODY_SIZE_LIMIT
 * (default 512K) before Gala sees them, so the page checks the file's size first and says why.
 */
export function uploadLimit(env: string | undefined = process.env.BODY_SIZE_LIMIT): number {
	return Math.min(MAX_CSV_BYTES, bodySizeLimit(env));
}

/** The documented columns, in the current language, for the upload page. */
export function columnHelp(kind: Kind) {
	const locale = currentLocale();
	return spec[kind].columns
		.filter((c) => !(kind === 'accounts' && c.key === 'tier'))
		.map((c) => ({
			header: locale === 'en' ? c.en : c.zh,
			aliases: c.aliases.filter((a) => a !== (locale === 'en' ? c.en : c.zh)),
			required: Boolean(c.required),
			hint: spec[kind].hints[c.key]()
		}));
}

function previewData(plan: ImportPlan, kind: Kind, uploadId: string, fileName: string) {
	const locale = currentLocale();
	const label = new Map<string, string>(
		spec[kind].columns.map((c) => [c.key as string, locale === 'en' ? c.en : c.zh])
	);
	label.set('owner_user_id', label.get('owner') ?? 'owner');
	let okShown = 0;
	const rows = plan.rows
		.filter((row) => row.action === 'error' || okShown++ < PREVIEW_OK_ROWS)
		.map((row) => ({
			...row,
			issues: row.issues.map((issue) => ({
				field: label.get(issue.field) ?? issue.field,
				message: issueMessage(issue.key, issue.params)
			}))
		}));
	return {
		uploadId,
		fileName,
		encoding: plan.encoding,
		ignored: plan.ignored,
		counts: plan.counts,
		total: plan.rows.length,
		rows
	};
}

function fileError(err: unknown) {
	if (err instanceof DomainError) {
		return fail(400, { message: t(err.messageKey, err.params) });
	}
	throw err;
}

/** The upload page's two steps: preview (writes nothing) and import (one transaction). */
export function csvImportActions(kind: Kind) {
	return {
		preview: async ({ request, locals }: RequestEvent) => {
			const form = await request.formData();
			const file = form.get('file');
			if (!(file instanceof File) || file.size === 0) {
				return fail(400, {
					message: file instanceof File ? m.csv_error_empty() : m.csv_error_no_file()
				});
			}
			if (file.size > MAX_CSV_BYTES) {
				return fail(400, {
					message: m.csv_error_too_large({ mb: MAX_CSV_BYTES / 1024 / 1024 })
				});
			}
			const bytes = new Uint8Array(await file.arrayBuffer());
			try {
				const { plan } = await spec[kind].plan(getDb(), bytes);
				const uploadId = keepUpload({ bytes, kind, userId: locals.user!.id, fileName: file.name });
				return { preview: previewData(plan, kind, uploadId, file.name) };
			} catch (err) {
				return fileError(err);
			}
		},
		import: async ({ request, locals, cookies }: RequestEvent) => {
			const form = await request.formData();
			const uploadId = String(form.get('upload') ?? '');
			const upload = takeUpload(uploadId, kind, locals.user!.id);
			if (!upload) {
				return fail(400, { message: m.csv_expired() });
			}
			let result;
			try {
				result = await spec[kind].run(getDb(), upload.bytes, locals.user!.id, {
					skipInvalid: form.get('skip_invalid') === 'on'
				});
			} catch (err) {
				return fileError(err);
			}
			dropUpload(uploadId);
			setFlash(cookies, { type: 'success', message: m.csv_imported({ ...result }) });
			redirect(303, spec[kind].done);
		}
	};
}
