import PDFDocument from 'pdfkit';
import { BadgeDrawer, type DrawOptions } from './draw';
import { cardBox, sheetFor, type BadgeLayout } from './layouts';
import type { Badge } from './types';

export interface RenderOptions extends DrawOptions {
	layout: BadgeLayout;
	/** Tests turn compression off to read the drawing operators. */
	compress?: boolean;
	/** Badges drawn before yielding to the event loop, so a long run never blocks other users. */
	batch?: number;
}

/**
 * Renders badges into a streamed PDF. Pure: data in, bytes out; pages are produced only as the
 * reader asks for more, so memory stays flat however many badges there are.
 */
export function renderBadgePdf(
	badges: readonly Badge[],
	options: RenderOptions
): ReadableStream<Uint8Array> {
	const sheet = sheetFor(options.layout);
	const perPage = sheet.cols * sheet.rows;
	const batch = options.batch ?? 25;
	const doc = new PDFDocument({
		autoFirstPage: false,
		compress: options.compress ?? true,
		size: sheet.page,
		margin: 0,
		info: { Title: options.event.title, Creator: 'Gala' }
	});
	const drawer = new BadgeDrawer(doc, options);
	const pending: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => pending.push(chunk));
	const ended = new Promise<void>((resolve) => doc.on('end', resolve));
	let next = 0;
	let cancelled = false;

	const drawOne = (index: number) => {
		const onPage = index % perPage;
		if (onPage === 0) {
			doc.addPage({ size: sheet.page, margin: 0 });
			drawer.marks(sheet);
		}
		const badge = badges[index];
		const box = cardBox(sheet, onPage);
		if (sheet.shape === 'portrait') {
			drawer.portrait(badge, box, sheet.padding);
		} else {
			drawer.landscape(badge, box, sheet.padding);
		}
	};

	const take = (): Uint8Array => {
		const bytes = Buffer.concat(pending);
		pending.length = 0;
		return bytes;
	};

	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				if (badges.length === 0 && next === 0) {
					doc.addPage({ size: sheet.page, margin: 0 });
				}
				// Loop until there is something to hand over: a pull that enqueues nothing may not be
				// called again.
				while (!cancelled) {
					// A short first batch: code runs cold (and may open a fallback font) the first time.
					const stop = Math.min(next + (next === 0 ? Math.min(batch, 5) : batch), badges.length);
					for (; next < stop; next++) {
						drawOne(next);
					}
					if (next >= badges.length) {
						doc.end();
						await ended;
						controller.enqueue(take());
						controller.close();
						return;
					}
					// Let other requests run, and let pdfkit hand over what it wrote.
					await new Promise((resolve) => setImmediate(resolve));
					if (pending.length > 0 && !cancelled) {
						controller.enqueue(take());
						return;
					}
				}
			},
			cancel() {
				cancelled = true;
				pending.length = 0;
			}
		},
		// Draw a few batches ahead of a slow reader (a busy disk or network) instead of waiting for
		// each chunk to be taken; still bounded, so memory stays flat.
		{ highWaterMark: 4 }
	);
}
