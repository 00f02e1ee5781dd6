import { describe, expect, it } from 'vitest';
import { match } from '../../src/params/id';

describe('the [id=id] route param matcher', () => {
	it('accepts positive integers as databases hand them out', () => {
		for (const id of ['1', '7', '42', '100000', '999999999999999']) {
			expect(match(id), id).toBe(true);
		}
	});

	it('refuses anything a route would otherwise have to check by hand', () => {
		for (const id of [
			'0',
			'-1',
			'01',
			'1.5',
			'1e3',
			' 1',
			'1 ',
			'abc',
			'',
			'0x10',
			'1000000000000000'
		]) {
			expect(match(id), JSON.stringify(id)).toBe(false);
		}
	});

	it('only accepts ids that are exact as JS numbers', () => {
		for (let digits = 1; digits <= 20; digits++) {
			const id = '9'.repeat(digits);
			if (match(id)) {
				expect(Number.isSafeInteger(Number(id))).toBe(true);
			}
		}
	});
});
