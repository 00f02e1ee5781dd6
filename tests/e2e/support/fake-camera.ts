import QRCode from 'qrcode';
import { writeFileSync } from 'node:fs';

/**
 * Writes a one-frame Y4M video of a QR code, for Chromium's fake camera
 * (--use-file-for-fake-video-capture): the door's camera scanner then reads it like a badge
 * held up to a phone. Grey-scale is enough: the Y plane carries the picture, U and V stay neutral.
 */
export function writeQrVideo(path: string, text: string, width = 640, height = 480): void {
	const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const size = qr.modules.size;
	const quiet = 4;
	const module = Math.floor(Math.min(width, height) / (size + 2 * quiet));
	const left = Math.floor((width - size * module) / 2);
	const top = Math.floor((height - size * module) / 2);
	const y = Buffer.alloc(width * height, 235);
	for (let row = 0; row < size; row++) {
		for (let col = 0; col < size; col++) {
			if (qr.modules.get(row, col)) {
				for (let dy = 0; dy < module; dy++) {
					const start = (top + row * module + dy) * width + left + col * module;
					y.fill(16, start, start + module);
				}
			}
		}
	}
	const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
	writeFileSync(
		path,
		Buffer.concat([
			Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`),
			Buffer.from('FRAME\n'),
			y,
			chroma,
			chroma
		])
	);
}
