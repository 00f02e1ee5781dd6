import { describe, expect, it } from 'vitest';
import {
	formatLocalTimeRange,
	formatTimeRange,
	formatWeekdayTime,
	formatZonedInstant,
	zoneLabel
} from '$lib/format';

// 11 December 2026, 14:00–21:00 in Shanghai.
const start = '2026-12-11T06:00:00.000Z';
const end = '2026-12-11T13:00:00.000Z';

describe('times a guest reads, in Chinese', () => {
	it('writes a range on one day once, in Beijing time', () => {
		expect(formatTimeRange(start, end, 'Asia/Shanghai', 'zh-CN')).toBe(
			'2026年12月11日（星期五）14:00–21:00 北京时间'
		);
	});

	it('gives both dates for a range over midnight', () => {
		expect(formatTimeRange(start, '2026-12-12T02:00:00.000Z', 'Asia/Shanghai', 'zh-CN')).toBe(
			'2026年12月11日（星期五）14:00 – 2026年12月12日（星期六）10:00 北京时间'
		);
	});

	it('writes a deadline with its zone', () => {
		expect(formatZonedInstant('2026-12-04T10:00:00.000Z', 'Asia/Shanghai', 'zh-CN')).toBe(
			'2026年12月4日（星期五）18:00 北京时间'
		);
	});

	it('names other zones in words with their offset, never as an IANA id', () => {
		expect(zoneLabel('Europe/Berlin', 'zh-CN', new Date(start))).toBe('中欧时间（UTC+1）');
		expect(zoneLabel('Europe/Berlin', 'zh-CN', new Date('2026-07-01T00:00:00Z'))).toBe(
			'中欧时间（UTC+2）'
		);
		expect(zoneLabel('Asia/Kolkata', 'zh-CN')).toContain('UTC+5:30');
		expect(zoneLabel('America/New_York', 'zh-CN', new Date(start))).not.toContain('/');
	});

	it('shows a guest abroad their own clock, and nothing extra where the clock is the same', () => {
		expect(formatLocalTimeRange(start, end, 'Asia/Shanghai', 'Europe/Berlin', 'zh-CN')).toBe(
			'2026年12月11日（星期五）07:00–14:00 中欧时间（UTC+1）'
		);
		expect(formatLocalTimeRange(start, end, 'Asia/Shanghai', 'Asia/Chongqing', 'zh-CN')).toBeNull();
		expect(formatLocalTimeRange(start, end, 'Asia/Shanghai', null, 'zh-CN')).toBeNull();
	});

	it('writes weekdays in Chinese', () => {
		expect(formatWeekdayTime(start, 'America/New_York', 'zh-CN')).toBe('周五 01:00');
	});
});

describe('times a guest reads, in English', () => {
	it('writes a range on one day once, in Beijing time (UTC+8)', () => {
		expect(formatTimeRange(start, end, 'Asia/Shanghai', 'en')).toBe(
			'Friday 11 December 2026, 14:00–21:00 Beijing time (UTC+8)'
		);
	});

	it('writes a deadline with its zone', () => {
		expect(formatZonedInstant('2026-12-04T10:00:00.000Z', 'Asia/Shanghai', 'en')).toBe(
			'Friday 4 December 2026, 18:00 Beijing time (UTC+8)'
		);
	});

	it('names other zones in words with their offset', () => {
		expect(zoneLabel('Europe/Berlin', 'en', new Date(start))).toBe('Central European Time (UTC+1)');
		expect(zoneLabel('America/New_York', 'en', new Date(start))).toBe('Eastern Time (UTC−5)');
		expect(zoneLabel('UTC', 'en')).toBe('UTC');
	});

	it('shows a guest in New York their own clock on their own date', () => {
		expect(formatLocalTimeRange(start, end, 'Asia/Shanghai', 'America/New_York', 'en')).toBe(
			'Friday 11 December 2026, 01:00–08:00 Eastern Time (UTC−5)'
		);
	});

	it('writes weekdays in English', () => {
		expect(formatWeekdayTime(start, 'America/New_York', 'en')).toBe('Fri 01:00');
	});
});
