import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrMatrix } from '$lib/server/badges/qr';
import { checkinUrl, parseScannedCode } from '$lib/server/checkin/code';
import { matchScore } from '$lib/server/checkin/search';

describe('check-in codes', () => {
	it('reads the link a badge QR holds, as a scanner types it', () => {
		const url = checkinUrl('https://gala.example.com/', 12, 'abc123def456');
		expect(url).toBe('https://gala.example.com/gatherings/12/checkin?code=abc123def456');
		expect(parseScannedCode(`  ${url}\n`)).toEqual({
			code: 'abc123def456',
			gatheringId: 12,
			companion: null
		});
	});

	it('reads a companion badge and a bare typed code', () => {
		expect(parseScannedCode(checkinUrl('http://x', 3, 'codecode', 2))).toEqual({
			code: 'codecode',
			gatheringId: 3,
			companion: 2
		});
		expect(parseScannedCode('codecode')).toEqual({
			code: 'codecode',
			gatheringId: null,
			companion: null
		});
	});

	it('refuses what is not a check-in code', () => {
		for (const input of ['', 'ab', 'https://evil.example/other?code=abcdef', '王伟', 'a b c d e']) {
			expect(parseScannedCode(input), input).toBeNull();
		}
	});
});

describe('door search', () => {
	const person = {
		name: '王伟',
		name_latin: 'Wang Wei',
		company: '百联集团',
		companions: ['李娜']
	};

	it('finds people by name, pinyin, initials, Latin name, company and companion', () => {
		for (const q of ['王伟', '王', 'wangwei', 'wang', 'ww', 'Wang Wei', '百联', '李娜', 'lina']) {
			expect(matchScore(person, q), q).toBeGreaterThan(0);
		}
		expect(matchScore(person, 'zhang')).toBe(0);
		expect(matchScore(person, '   ')).toBe(0);
	});

	it('ranks an exact name above a company match', () => {
		expect(matchScore(person, '王伟')).toBeGreaterThan(matchScore(person, '百联'));
	});
});

describe('check-in search with ü', () => {
	it('finds 吕 by "lv" at the door', () => {
		const person = { name: '吕绿', name_latin: null, company: null, companions: [] };
		expect(matchScore(person, 'lv')).toBeGreaterThan(0);
		expect(matchScore(person, 'lvlv')).toBeGreaterThan(0);
	});
});

describe('badge QR symbols', () => {
	it('choose the same mask and modules as the qrcode package, only faster', () => {
		for (let i = 0; i < 60; i++) {
			const text = checkinUrl(
				'https://gala.example.com',
				i + 1,
				`code${(i * 7919).toString(36)}xyz`,
				i % 3
			);
			const reference = QRCode.create([{ data: new TextEncoder().encode(text), mode: 'byte' }], {
				errorCorrectionLevel: 'M'
			});
			const ours = qrMatrix(text);
			expect(ours.mask).toBe(reference.maskPattern);
			const cells = new Uint8Array(ours.size * ours.size);
			for (const run of ours.runs) {
				cells.fill(1, run.row * ours.size + run.col, run.row * ours.size + run.col + run.length);
			}
			expect(Array.from(cells)).toEqual(Array.from(reference.modules.data));
		}
	});
});
