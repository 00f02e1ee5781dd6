import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Reads PDFs with Debian's poppler-utils and zbar, as a person's tools would.

function withFile<T>(pdf: Uint8Array, fn: (path: string, dir: string) => T): T {
	const dir = mkdtempSync(join(tmpdir(), 'gala-pdf-'));
	try {
		const path = join(dir, 'in.pdf');
		writeFileSync(path, pdf);
		return fn(path, dir);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

export async function streamToBuffer(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
	return Buffer.from(await new Response(stream).arrayBuffer());
}

export function pdfText(pdf: Uint8Array, page?: number): string {
	return withFile(pdf, (path) =>
		execFileSync(
			'pdftotext',
			[...(page ? ['-f', String(page), '-l', String(page)] : []), '-enc', 'UTF-8', path, '-'],
			{ encoding: 'utf8' }
		)
	);
}

export function pdfPageCount(pdf: Uint8Array): number {
	const info = withFile(pdf, (path) => execFileSync('pdfinfo', [path], { encoding: 'utf8' }));
	return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

export function pdfFonts(pdf: Uint8Array): string {
	return withFile(pdf, (path) => execFileSync('pdffonts', [path], { encoding: 'utf8' }));
}

/** Word boxes in points (x from the left, y from the top) of one page. */
export function pdfWords(pdf: Uint8Array, page = 1) {
	const html = withFile(pdf, (path) =>
		execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), path, '-'], {
			encoding: 'utf8'
		})
	);
	return [
		...html.matchAll(
			/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g
		)
	].map((m) => ({
		xMin: Number(m[1]),
		yMin: Number(m[2]),
		xMax: Number(m[3]),
		yMax: Number(m[4]),
		text: m[5]
	}));
}

/** Rasterises a page at 150 dpi and returns every QR code zbar finds on it. */
export function decodeQrCodes(pdf: Uint8Array, page = 1): string[] {
	return withFile(pdf, (path, dir) => {
		execFileSync('pdftoppm', [
			'-r',
			'150',
			'-png',
			'-f',
			String(page),
			'-l',
			String(page),
			path,
			join(dir, 'p')
		]);
		const png = readdirSync(dir).find((f) => f.endsWith('.png'));
		if (!png) {
			return [];
		}
		let out: string;
		try {
			out = execFileSync(
				'zbarimg',
				['-q', '--raw', '-Sdisable', '-Sqrcode.enable', join(dir, png)],
				{
					encoding: 'utf8',
					stdio: ['ignore', 'pipe', 'ignore']
				}
			);
		} catch {
			return [];
		}
		return out.split('\n').filter(Boolean);
	});
}

/** The uncompressed content stream of each page (render with compress: false). */
export function pageContents(pdf: Uint8Array): string[] {
	const text = Buffer.from(pdf).toString('latin1');
	return text
		.split('/Type /Page\n')
		.slice(1)
		.map((chunk) => /stream\n([\s\S]*?)\nendstream/.exec(chunk)?.[1] ?? '');
}

/** Fill colours set in a content stream, as #rrggbb. */
export function fillColours(content: string): string[] {
	return [...content.matchAll(/([\d.]+) ([\d.]+) ([\d.]+) scn/g)].map(
		(m) =>
			'#' +
			[m[1], m[2], m[3]]
				.map((v) =>
					Math.round(Number(v) * 255)
						.toString(16)
						.padStart(2, '0')
				)
				.join('')
	);
}
