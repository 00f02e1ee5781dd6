import { getDb } from '$lib/server/db';
import { campaignReportCsv } from '$lib/server/greetings/report';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) => {
	const { filename, csv } = await campaignReportCsv(getDb(), Number(params.id));
	return new Response(csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
			'Cache-Control': 'private, no-store'
		}
	});
};
