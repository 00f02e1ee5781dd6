import { describe, expect, it } from 'vitest';
import { CsvFileError, decodeCsv, parseCsvTable } from '$lib/server/csv/decode';
import { uploadLimit } from '$lib/server/csv/actions';
import { contactColumns } from '$lib/server/csv/columns';
import { csvLine, neutralise, toCsv, unneutralise } from '$lib/server/csv/write';

const utf8 = (text: string) => new TextEncoder().encode(text);

function fileError(work: () => unknown): string {
	try {
		work();
	} catch (err) {
		if (err instanceof CsvFileError) {
			return err.messageKey;
		}
		throw err;
	}
	return 'no error';
}

describe('decodeCsv', () => {
	it('reads UTF-8 with and without a BOM', () => {
		expect(decodeCsv(utf8('姓名\n王伟'))).toEqual({ text: '姓名\n王伟', encoding: 'utf-8' });
		expect(decodeCsv(utf8('\uFEFF姓名\n王伟')).text).toBe('姓名\n王伟');
	});

	it('falls back to GB18030 when the bytes are not UTF-8', () => {
		// 王伟 in GBK/GB18030.
		const gbk = new Uint8Array([0xcd, 0xf5, 0xce, 0xb0]);
		expect(decodeCsv(gbk)).toEqual({ text: '王伟', encoding: 'gb18030' });
	});

	it('refuses empty, binary and undecodable files', () => {
		expect(fileError(() => decodeCsv(new Uint8Array()))).toBe('csv_error_empty');
		expect(fileError(() => decodeCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0])))).toBe(
			'csv_error_not_text'
		);
		expect(fileError(() => decodeCsv(new Uint8Array([0x81, 0x20])))).toBe('csv_error_encoding');
		expect(fileError(() => decodeCsv(new Uint8Array(5 * 1024 * 1024 + 1).fill(65)))).toBe(
			'csv_error_too_large'
		);
	});
});

describe('parseCsvTable', () => {
	it('maps Chinese and English headers, in any order and case, to column keys', () => {
		const table = parseCsvTable(
			'E-Mail,公司, 姓名 ,Favourite colour\r\nwang@example.com,华联,"王伟",蓝\r\n',
			contactColumns
		);
		expect(table.rows).toEqual([
			{ line: 2, cells: { email: 'wang@example.com', company: '华联', name: '王伟' } }
		]);
		expect(table.ignored).toEqual(['Favourite colour']);
	});

	it('keeps quoted commas and line breaks inside a cell', () => {
		const table = parseCsvTable('公司,姓名,备注\n华联,王伟,"一行,\n两行"\n', contactColumns);
		expect(table.rows[0].cells.notes).toBe('一行,\n两行');
	});

	it('names a missing required column, and refuses a file without rows', () => {
		expect(fileError(() => parseCsvTable('姓名,邮箱\n王伟,w@x.cn', contactColumns))).toBe(
			'csv_error_missing_column'
		);
		expect(fileError(() => parseCsvTable('公司,姓名\n', contactColumns))).toBe('csv_error_no_rows');
	});
});

describe('CSV writing', () => {
	it('neutralises cells a spreadsheet would run as formulas, and the importer undoes it', () => {
		for (const cell of ['=1+2', '+86 138', '-5', '@SUM(A1)', '\tx']) {
			expect(neutralise(cell)).toBe(`'${cell}`);
			expect(unneutralise(neutralise(cell))).toBe(cell);
		}
		expect(neutralise('王伟')).toBe('王伟');
		expect(unneutralise("'quoted")).toBe("'quoted");
	});

	it('quotes commas, quotes and line breaks; leaves numbers alone', () => {
		expect(csvLine(['a,b', 'say "hi"', 'x\ny', -300.25, null])).toBe(
			'"a,b","say ""hi""","x\ny",-300.25,'
		);
	});

	it('starts with a BOM and ends lines with CRLF', () => {
		expect(toCsv(['姓名'], [['王伟']])).toBe('\uFEFF姓名\r\n王伟\r\n');
	});
});

describe('uploadLimit', () => {
	it('reads BODY_SIZE_LIMIT as adapter-node does, capped at the importer’s 5 MB', () => {
		expect(uploadLimit(undefined)).toBe(512 * 1024);
		expect(uploadLimit('2M')).toBe(2 * 1024 * 1024);
		expect(uploadLimit('25M')).toBe(5 * 1024 * 1024);
		expect(uploadLimit('300000')).toBe(300000);
		expect(uploadLimit('Infinity')).toBe(5 * 1024 * 1024);
	});
});
