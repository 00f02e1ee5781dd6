import QRCode from 'qrcode';

export interface QrRun {
	row: number;
	col: number;
	length: number;
}

export interface QrMatrix {
	size: number;
	/** Dark modules merged into horizontal runs: far fewer path operators than one per module. */
	runs: QrRun[];
}

/** The symbol for `text`, as runs of dark modules (no quiet zone; the caller leaves it white). */
export function qrMatrix(text: string): QrMatrix {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const { size, data } = modules;
	const runs: QrRun[] = [];
	for (let row = 0; row < size; row++) {
		let col = 0;
		while (col < size) {
			if (!data[row * size + col]) {
				col++;
				continue;
			}
			const start = col;
			while (col < size && data[row * size + col]) {
				col++;
			}
			runs.push({ row, col: start, length: col - start });
		}
	}
	return { size, runs };
}
