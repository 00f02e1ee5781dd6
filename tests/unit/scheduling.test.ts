import { describe, expect, it } from 'vitest';
import { chinaDay } from '$lib/server/gatherings/holidays';
import {
	checkSchedule,
	duringWorkingHours,
	type SchedulePerson
} from '$lib/server/gatherings/scheduling';
import { localToUtcIso, parseLocalTime, utcIsoToLocal } from '$lib/server/gatherings/zoned';

const shanghai: SchedulePerson = {
	inviteeId: 1,
	name: '王伟',
	timeZone: 'Asia/Shanghai',
	workingDays: '1,2,3,4,5',
	workStart: '09:00',
	workEnd: '18:00'
};

describe('local time in the gathering time zone', () => {
	it('turns Shanghai wall-clock time into UTC eight hours earlier', () => {
		expect(localToUtcIso('2026-12-18T18:00', 'Asia/Shanghai')).toBe('2026-12-18T10:00:00.000Z');
		expect(utcIsoToLocal('2026-12-18T10:00:00.000Z', 'Asia/Shanghai')).toBe('2026-12-18T18:00');
	});

	it('follows daylight saving time in Berlin (winter +1, summer +2)', () => {
		expect(localToUtcIso('2026-01-15T19:00', 'Europe/Berlin')).toBe('2026-01-15T18:00:00.000Z');
		expect(localToUtcIso('2026-07-15T19:00', 'Europe/Berlin')).toBe('2026-07-15T17:00:00.000Z');
	});

	it('refuses a time in the spring-forward gap instead of moving it', () => {
		// 29 March 2026, 02:30 does not exist in Berlin; the clock jumps from 02:00 to 03:00.
		expect(parseLocalTime('2026-03-29T02:30', 'Europe/Berlin')).toEqual({
			ok: false,
			reason: 'gap'
		});
		expect(localToUtcIso('2026-03-29T02:30', 'Europe/Berlin')).toBeNull();
		expect(utcIsoToLocal(localToUtcIso('2026-03-29T03:00', 'Europe/Berlin'), 'Europe/Berlin')).toBe(
			'2026-03-29T03:00'
		);
	});

	it('takes the earlier of the two 02:30s when the clocks go back', () => {
		expect(localToUtcIso('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
	});

	it('refuses impossible dates and unknown zones', () => {
		expect(localToUtcIso('2026-02-30T10:00', 'Asia/Shanghai')).toBeNull();
		expect(localToUtcIso('2026-12-18T25:00', 'Asia/Shanghai')).toBeNull();
		expect(localToUtcIso('2026-12-18T10:00', 'Mars/Olympus')).toBeNull();
	});
});

describe('working hours in each invitee’s own time zone', () => {
	const ms = (local: string, zone: string) => Date.parse(localToUtcIso(local, zone) ?? '');

	it('counts a Friday 14:00 Shanghai meeting as inside working hours, 19:00 as outside', () => {
		const at14 = ms('2026-12-18T14:00', 'Asia/Shanghai');
		expect(duringWorkingHours(shanghai, at14, at14 + 3_600_000)).toBe(true);
		const at19 = ms('2026-12-18T19:00', 'Asia/Shanghai');
		expect(duringWorkingHours(shanghai, at19, at19 + 3 * 3_600_000)).toBe(false);
	});

	it('judges a New York guest by New York hours: Shanghai 22:00 Thursday is 09:00 there', () => {
		const ny: SchedulePerson = { ...shanghai, inviteeId: 2, timeZone: 'America/New_York' };
		const start = ms('2026-12-17T22:00', 'Asia/Shanghai');
		expect(duringWorkingHours(ny, start, start + 2 * 3_600_000)).toBe(true);
		expect(duringWorkingHours(shanghai, start, start + 2 * 3_600_000)).toBe(false);
	});

	it('treats a Saturday as free unless the working days include it', () => {
		const sat = ms('2026-12-19T10:00', 'Asia/Shanghai');
		expect(duringWorkingHours(shanghai, sat, sat + 3_600_000)).toBe(false);
		const sixDays = { ...shanghai, workingDays: '1,2,3,4,5,6' };
		expect(duringWorkingHours(sixDays, sat, sat + 3_600_000)).toBe(true);
	});

	it('follows the Chinese calendar for mainland zones: National Day is off, an adjusted Saturday is work', () => {
		const nationalDay = ms('2026-10-01T10:00', 'Asia/Shanghai');
		expect(duringWorkingHours(shanghai, nationalDay, nationalDay + 3_600_000)).toBe(false);
		const adjustedSaturday = ms('2026-10-10T10:00', 'Asia/Shanghai');
		expect(duringWorkingHours(shanghai, adjustedSaturday, adjustedSaturday + 3_600_000)).toBe(true);
	});
});

describe('checkSchedule', () => {
	it('reports who is at work, who is booked elsewhere at an overlapping time, and holidays', () => {
		const result = checkSchedule({
			startsAt: '2026-10-01T02:00:00.000Z', // 10:00 on National Day in Shanghai
			endsAt: '2026-10-01T04:00:00.000Z',
			timeZone: 'Asia/Shanghai',
			people: [
				shanghai,
				{
					...shanghai,
					inviteeId: 3,
					name: 'Anna',
					timeZone: 'Europe/Berlin',
					workStart: '00:00',
					workEnd: '06:00'
				}
			],
			others: [
				{
					inviteeId: 1,
					name: '王伟',
					gatheringId: 9,
					title: '另一场',
					startsAt: '2026-10-01T03:00:00.000Z',
					endsAt: '2026-10-01T05:00:00.000Z'
				},
				{
					inviteeId: 3,
					name: 'Anna',
					gatheringId: 10,
					title: '不重叠',
					startsAt: '2026-10-01T04:00:00.000Z',
					endsAt: '2026-10-01T06:00:00.000Z'
				}
			]
		});
		expect(result.considered).toBe(2);
		// Berlin is at 04:00 (CEST) then, inside Anna's 00:00–06:00; Shanghai is on holiday.
		expect(result.duringWork.map((p) => p.inviteeId)).toEqual([3]);
		expect(result.overlaps).toEqual([
			{ inviteeId: 1, name: '王伟', gatheringId: 9, title: '另一场' }
		]);
		expect(result.days).toEqual([
			{
				date: '2026-10-01',
				kind: 'holiday',
				festival: { zh: '国庆节', en: 'National Day' },
				provisional: false
			}
		]);
		expect(result.unpublishedYears).toEqual([]);
	});

	it('says nothing for a time that ends before it starts', () => {
		const result = checkSchedule({
			startsAt: '2026-12-18T10:00:00.000Z',
			endsAt: '2026-12-18T09:00:00.000Z',
			timeZone: 'Asia/Shanghai',
			people: [shanghai],
			others: []
		});
		expect(result).toEqual({
			considered: 0,
			duringWork: [],
			startsAt: '2026-12-18T10:00:00.000Z',
			overlaps: [],
			days: [],
			repeated: [],
			unpublishedYears: []
		});
	});

	it('names adjusted working days', () => {
		expect(chinaDay('2026-10-10').kind).toBe('adjusted_workday');
		expect(chinaDay('2026-12-18').kind).toBe('workday');
		expect(chinaDay('2026-12-19').kind).toBe('weekend');
	});
});
