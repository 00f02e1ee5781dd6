/** An inline part of a message: the HTML shows it as `cid:<contentId>`. */
export interface InlineImage {
	contentId: string;
	contentType: string;
	content: Buffer;
}

/** Raster images only: an SVG part could carry script into the staff page's preview frame. */
const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * The HTML as a browser's preview frame can show it: a frame cannot resolve `cid:` parts, so each
 * inline raster image becomes a data: URL (the page's CSP allows data: images, not remote ones).
 */
export function htmlForPreview(html: string, images: InlineImage[]): string {
	let out = html;
	for (const image of images) {
		const type = image.contentType.split(';')[0].trim().toLowerCase();
		if (PREVIEWABLE.has(type)) {
			out = out.replaceAll(
				`cid:${image.contentId}`,
				`data:${type};base64,${image.content.toString('base64')}`
			);
		}
	}
	return out;
}
