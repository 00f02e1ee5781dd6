import { json } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { loadBadgeFonts } from '$lib/server/badges/fonts';
import { pageCount } from '$lib/server/badges/layouts';
import { renderBadgePdf } from '$lib/server/badges/pdf';
import { prepareBadgeRun, selectionFromSearch } from '$lib/server/badges/service';
import { nowIso } from '$lib/server/time';
import type { RequestHandler } from './$types';

/**
 * The badge PDF, streamed as it is drawn. Headers tell the page how many pages to expect (for
 * its progress bar) and when the data was read (for marking the run printed afterwards).
 */
export const GET = (async ({ params, url }) => {
	const gatheringId = Number(params.id);
	const parsed = selectionFromSearch(url.searchParams);
	if (!parsed.success) {
		return json({ message: m.error_choice() }, { status: 400 });
	}
	const selection = parsed.data;
	const snapshot = nowIso();
	let run;
	try {
		run = await prepareBadgeRun(getDb(), gatheringId, selection);
	} catch (err) {
		if (err instanceof DomainError) {
			return json({ message: t(err.messageKey, err.params) }, { status: err.status });
		}
		throw err;
	}
	const stream = renderBadgePdf(run.badges, {
		layout: selection.layout,
		palette: run.palette,
		fonts: loadBadgeFonts(),
		event: run.event
	});
	const name = run.badges.length === 1 ? `badge-${run.badges[0].key.replace(':', '-')}` : 'badges';
	return new Response(stream, {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Disposition': `inline; filename="${name}-${gatheringId}-${selection.layout}.pdf"`,
			'Cache-Control': 'private, no-store',
			'X-Badge-Count': String(run.badges.length),
			'X-Badge-Pages': String(pageCount(selection.layout, run.badges.length)),
			'X-Badge-Snapshot': snapshot
		}
	});
}) satisfies RequestHandler;
