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

type Sheet = ReturnType<typeof sheetFor>;

/**
 * Renders badges into a streamed PDF. Pure: data in, bytes out; pages are produced only as the
 * reader asks for more, so memory stays flat however many badges there are.
 */
export function renderBadgePdf(
	badges: readonly Badge[],
	options: RenderOptions
): ReadableStream<Uint8Array> {
	const sheet = sheetFor(options.layout);
	const output = openDocument(sheet, options);
	const drawer = new BadgeDrawer(output.doc, options);
	const drawBadge = (index: number) => placeBadge(output.doc, drawer, sheet, badges[index], index);
	return streamInBatches(badges.length, options.batch ?? 25, drawBadge, output);
}

/** The pdfkit document for a sheet, with what it has written collected for the stream. */
function openDocument(sheet: Sheet, options: RenderOptions) {
	const doc = new PDFDocument({
		autoFirstPage: false,
		compress: options.compress ?? true,
		size: sheet.page,
		margin: 0,
		info: { Title: options.event.title, Creator: 'Gala' }
	});
	const pending: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => pending.push(chunk));
	const ended = new Promise<void>((resolve) => doc.on('end', resolve));
	const take = (): Uint8Array => {
		const bytes = Buffer.concat(pending);
		pending.length = 0;
		return bytes;
	};
	return {
		doc,
		/** An empty run is still a valid PDF: one blank page. */
		blankPage: () => doc.addPage({ size: sheet.page, margin: 0 }),
		hasOutput: () => pending.length > 0,
		take,
		/** Ends the document and returns its last bytes. */
		finish: async (): Promise<Uint8Array> => {
			doc.end();
			await ended;
			return take();
		},
		discard: () => {
			pending.length = 0;
		}
	};
}
type Output = ReturnType<typeof openDocument>;

/** Draws the `index`th badge in its box, starting a page (with crop marks) when one is full. */
function placeBadge(
	doc: PDFKit.PDFDocument,
	drawer: BadgeDrawer,
	sheet: Sheet,
	badge: Badge,
	index: number
): void {
	const onPage = index % (sheet.cols * sheet.rows);
	if (onPage === 0) {
		doc.addPage({ size: sheet.page, margin: 0 });
		drawer.marks(sheet);
	}
	const box = cardBox(sheet, onPage);
	if (sheet.shape === 'portrait') {
		drawer.portrait(badge, box, sheet.padding);
	} else {
		drawer.landscape(badge, box, sheet.padding);
	}
}

/**
 * The document as a stream that draws `batch` badges per step and yields to the event loop in
 * between, handing over whatever pdfkit wrote.
 */
function streamInBatches(
	count: number,
	batch: number,
	drawBadge: (index: number) => void,
	output: Output
): ReadableStream<Uint8Array> {
	let next = 0;
	let cancelled = false;
	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				if (count === 0 && next === 0) {
					output.blankPage();
				}
				// Loop until there is something to hand over: a pull that enqueues nothing may not be
				// called again.
				while (!cancelled) {
					// A short first batch: code runs cold (and may open a fallback font) the first time.
					const stop = Math.min(next + (next === 0 ? Math.min(batch, 5) : batch), count);
					for (; next < stop; next++) {
						drawBadge(next);
					}
					if (next >= count) {
						controller.enqueue(await output.finish());
						controller.close();
						return;
					}
					// Let other requests run, and let pdfkit hand over what it wrote.
					await new Promise((resolve) => setImmediate(resolve));
					if (output.hasOutput() && !cancelled) {
						controller.enqueue(output.take());
						return;
					}
				}
			},
			cancel() {
				cancelled = true;
				output.discard();
			}
		},
		// Draw a few batches ahead of a slow reader (a busy disk or network) instead of waiting for
		// each chunk to be taken; still bounded, so memory stays flat.
		{ highWaterMark: 4 }
	);
}
