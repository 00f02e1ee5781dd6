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
	mask: number;
}

const MASKS: ((i: number, j: number) => boolean)[] = [
	(i, j) => (i + j) % 2 === 0,
	(i) => i % 2 === 0,
	(_i, j) => j % 3 === 0,
	(i, j) => (i + j) % 3 === 0,
	(i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
	(i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
	(i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
	(i, j) => (((i * j) % 3) + ((i + j) % 2)) % 2 === 0
];

/** 15-bit format information for error correction level M (bits 00) and a mask (ISO 18004 7.9). */
function formatBits(mask: number): number {
	const data = mask; // level M is 0b00
	let rem = data << 10;
	for (let bit = 14; bit >= 10; bit--) {
		if ((rem >> bit) & 1) {
			rem ^= 0x537 << (bit - 10);
		}
	}
	return ((data << 10) | rem) ^ 0x5412;
}

function setFormat(cells: Uint8Array, size: number, mask: number): void {
	const bits = formatBits(mask);
	for (let i = 0; i < 15; i++) {
		const bit = (bits >> i) & 1;
		const row = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
		cells[row * size + 8] = bit;
		const col = i < 8 ? size - i - 1 : i < 9 ? 15 - i : 14 - i;
		cells[8 * size + col] = bit;
	}
	cells[(size - 8) * size + 8] = 1;
}

/** The four penalty rules exactly as the qrcode package scores them, on a flat array. */
function penalty(cells: Uint8Array, size: number): number {
	let points = 0;
	for (let a = 0; a < size; a++) {
		let runRow = 0;
		let runCol = 0;
		let lastRow = -1;
		let lastCol = -1;
		let bitsRow = 0;
		let bitsCol = 0;
		for (let b = 0; b < size; b++) {
			const inRow = cells[a * size + b];
			const inCol = cells[b * size + a];
			if (inRow === lastRow) {
				runRow++;
			} else {
				if (runRow >= 5) {
					points += 3 + runRow - 5;
				}
				lastRow = inRow;
				runRow = 1;
			}
			if (inCol === lastCol) {
				runCol++;
			} else {
				if (runCol >= 5) {
					points += 3 + runCol - 5;
				}
				lastCol = inCol;
				runCol = 1;
			}
			bitsRow = ((bitsRow << 1) & 0x7ff) | inRow;
			bitsCol = ((bitsCol << 1) & 0x7ff) | inCol;
			if (b >= 10) {
				if (bitsRow === 0x5d0 || bitsRow === 0x05d) {
					points += 40;
				}
				if (bitsCol === 0x5d0 || bitsCol === 0x05d) {
					points += 40;
				}
			}
			if (a < size - 1 && b < size - 1) {
				const block =
					inRow +
					cells[a * size + b + 1] +
					cells[(a + 1) * size + b] +
					cells[(a + 1) * size + b + 1];
				if (block === 0 || block === 4) {
					points += 3;
				}
			}
		}
		if (runRow >= 5) {
			points += 3 + runRow - 5;
		}
		if (runCol >= 5) {
			points += 3 + runCol - 5;
		}
	}
	let dark = 0;
	for (let i = 0; i < cells.length; i++) {
		dark += cells[i];
	}
	return points + Math.abs(Math.ceil((dark * 100) / cells.length / 5) - 10) * 10;
}

/**
 * The symbol for `text` (level M), as runs of dark modules, no quiet zone. The mask is chosen by
 * the standard's penalty rules as `qrcode` does, but on a flat array: letting `qrcode` choose
 * took 0.7 ms a code, 40 % of a badge run.
 *
 * When upgrading `qrcode` (1.5.x today), re-check what this relies on beyond its documented API:
 * - `QRCode.create()` returns `modules` with `size`, `data` (one byte per module, row by row)
 *   and `reservedBit` (function patterns) — internals of its BitMatrix;
 * - with `maskPattern: 0` the data comes back already masked with pattern 0 and its format
 *   bits written, so XOR with mask 0's flips gives the unmasked symbol;
 * - its penalty scoring (the four rules in `penalty` above) and its tie-break (lowest mask
 *   number wins) are what the standard's choice means there.
 * tests/unit/checkin-code.test.ts ("choose the same mask and modules as the qrcode package")
 * compares mask and modules with the package's own choice on many inputs: run it first.
 */
export function qrMatrix(text: string): QrMatrix {
	const { modules } = QRCode.create([{ data: new TextEncoder().encode(text), mode: 'byte' }], {
		errorCorrectionLevel: 'M',
		maskPattern: 0
	});
	const { size, data, reservedBit } = modules;
	const flips = maskFlips(size, reservedBit);
	const plain = new Uint8Array(data.length);
	for (let i = 0; i < data.length; i++) {
		plain[i] = data[i] ^ flips[0][i];
	}
	const cells = new Uint8Array(plain.length);
	let best = { mask: 0, score: Infinity };
	for (let mask = 0; mask < MASKS.length; mask++) {
		applyMask(plain, flips[mask], size, mask, cells);
		const score = penalty(cells, size);
		if (score < best.score) {
			best = { mask, score };
		}
	}
	applyMask(plain, flips[best.mask], size, best.mask, cells);
	return { size, runs: toRuns(cells, size), mask: best.mask };
}

/** Per symbol size: which modules each mask inverts (function patterns never are). */
const flipCache = new Map<number, Uint8Array[]>();

function maskFlips(size: number, reserved: Uint8Array): Uint8Array[] {
	let flips = flipCache.get(size);
	if (!flips) {
		flips = MASKS.map((masked) => {
			const flip = new Uint8Array(size * size);
			for (let row = 0; row < size; row++) {
				for (let col = 0; col < size; col++) {
					const i = row * size + col;
					flip[i] = !reserved[i] && masked(row, col) ? 1 : 0;
				}
			}
			return flip;
		});
		flipCache.set(size, flips);
	}
	return flips;
}

function applyMask(
	plain: Uint8Array,
	flip: Uint8Array,
	size: number,
	mask: number,
	out: Uint8Array
): void {
	for (let i = 0; i < plain.length; i++) {
		out[i] = plain[i] ^ flip[i];
	}
	setFormat(out, size, mask);
}

function toRuns(cells: Uint8Array, size: number): QrRun[] {
	const runs: QrRun[] = [];
	for (let row = 0; row < size; row++) {
		let col = 0;
		while (col < size) {
			if (!cells[row * size + col]) {
				col++;
				continue;
			}
			const start = col;
			while (col < size && cells[row * size + col]) {
				col++;
			}
			runs.push({ row, col: start, length: col - start });
		}
	}
	return runs;
}
