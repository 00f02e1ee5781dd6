import { LunarDay } from 'tyme4ts';
import { describe, expect, it } from 'vitest';
import { chinaDay, hasOfficialCalendar, statutoryHolidays } from '$lib/server/gatherings/holidays';
import { checkSchedule, duringWorkingHours } from '$lib/server/gatherings/scheduling';
import { localToUtcIso } from '$lib/server/gatherings/zoned';

const noOfficialData = () => false;

describe('holidays of a year whose official calendar is not published', () => {
	it('flags New Year’s Day 2027 and the Spring Festival days 5–8 February 2027', () => {
		for (const date of ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']) {
			const day = chinaDay(date, noOfficialData);
			expect(day.kind, date).toBe('holiday');
			expect(day.provisional, date).toBe(true);
		}
		expect(chinaDay('2027-01-01', noOfficialData).festival?.zh).toBe('元旦');
		expect(chinaDay('2027-02-05', noOfficialData).festival?.en).toBe('Spring Festival');
		// 正月初四 is no statutory day: only an adjusted schedule could make it one.
		expect(chinaDay('2027-02-09', noOfficialData).kind).toBe('workday');
	});

	it('does the same with the bundled data, which has no 2027 notice yet', () => {
		expect(hasOfficialCalendar(2026)).toBe(true);
		expect(hasOfficialCalendar(2027)).toBe(false);
		expect(chinaDay('2027-01-01').kind).toBe('holiday');
		expect(chinaDay('2027-02-08').kind).toBe('holiday');
	});

	it('never calls New Year’s Day a working day, in any year', () => {
		for (let year = 2020; year <= 2040; year++) {
			expect(chinaDay(`${year}-01-01`).kind, String(year)).toBe('holiday');
			expect(chinaDay(`${year}-01-01`, noOfficialData).kind, String(year)).toBe('holiday');
		}
	});

	it('places the lunar festivals where the lunar calendar (tyme4ts) puts them, 2025–2035', () => {
		const solar = (y: number, m: number, d: number) => {
			const s = LunarDay.fromYmd(y, m, d).getSolarDay();
			return `${s.getYear()}-${String(s.getMonth()).padStart(2, '0')}-${String(s.getDay()).padStart(2, '0')}`;
		};
		for (let year = 2025; year <= 2035; year++) {
			const days = statutoryHolidays(year);
			const eve = LunarDay.fromYmd(year, 1, 1).getSolarDay().next(-1);
			const eveIso = `${eve.getYear()}-${String(eve.getMonth()).padStart(2, '0')}-${String(eve.getDay()).padStart(2, '0')}`;
			expect(days.get(eveIso)?.zh, `除夕 ${year}`).toBe('春节');
			expect(days.get(solar(year, 1, 3))?.zh, `初三 ${year}`).toBe('春节');
			expect(days.get(solar(year, 5, 5))?.zh, `端午 ${year}`).toBe('端午');
			// 中秋 2028 is 3 October, inside National Day: a holiday either way.
			expect(days.has(solar(year, 8, 15)), `中秋 ${year}`).toBe(true);
		}
	});

	it('matches the published 2026 notice on the statutory days it computes', () => {
		// Every computed statutory day of 2026 is a holiday in the official 2026 calendar.
		for (const [date, festival] of statutoryHolidays(2026)) {
			const official = chinaDay(date);
			expect(official.kind, date).toBe('holiday');
			expect(official.festival?.zh, date).toBe(festival.zh);
		}
	});

	it('warns in the scheduling check, and says the 2027 adjusted working days are unknown', () => {
		const start = localToUtcIso('2027-01-01T14:00', 'Asia/Shanghai') ?? '';
		const end = localToUtcIso('2027-01-01T18:00', 'Asia/Shanghai') ?? '';
		const check = checkSchedule({
			startsAt: start,
			endsAt: end,
			timeZone: 'Asia/Shanghai',
			people: [],
			others: []
		});
		expect(check.days.map((d) => [d.date, d.kind, d.provisional])).toEqual([
			['2027-01-01', 'holiday', true]
		]);
		expect(check.unpublishedYears).toEqual([2027]);
		const person = {
			inviteeId: 1,
			name: '王伟',
			timeZone: 'Asia/Shanghai',
			workingDays: '1,2,3,4,5',
			workStart: '09:00',
			workEnd: '18:00'
		};
		expect(duringWorkingHours(person, Date.parse(start), Date.parse(end))).toBe(false);
	});
});
