import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { accountInputSchema } from '$lib/server/accounts/schema';
import { decideAccess } from '$lib/server/auth/guard';
import { walkInSchema } from '$lib/server/checkin/walk-in';
import { config } from '$lib/server/config';
import { contactInputSchema } from '$lib/server/contacts/schema';
import { inviteeChangeSchema } from '$lib/server/gatherings/guests';
import { gatheringInputSchema } from '$lib/server/gatherings/schema';
import { checkSchedule } from '$lib/server/gatherings/scheduling';
import { staffMemberSchema } from '$lib/server/host/service';
import { callSchema } from '$lib/server/invitations/calls';
import { rsvpAnswerSchema } from '$lib/server/rsvp/service';
import { settingsSchema } from '$lib/server/settings/service';
import { newUserSchema } from '$lib/server/users/service';

describe('the access check reads the path the router reads', () => {
	it('keeps viewers out of /admin however the path is encoded', () => {
		for (const path of [
			'/%61dmin/users',
			'/%61%64%6d%69%6e/users',
			'/admin%2Fusers',
			'//admin/users',
			'/admin/users/__data.json',
			'/%61dmin/users/__data.json',
			'/%41dmin/users'.replace('%41', '%61')
		]) {
			expect(decideAccess(path, 'GET', 'viewer'), path).toBe('forbidden');
			expect(decideAccess(path, 'GET', null), path).toBe('sign-in');
			expect(decideAccess(path, 'GET', 'admin'), path).toBe('allow');
		}
	});

	it('does not let an encoded public prefix open a staff page', () => {
		for (const path of ['/rsvp/%2e%2e/accounts', '/login/../accounts', '/%72svp/../accounts']) {
			expect(decideAccess(path, 'GET', null), path).toBe('sign-in');
		}
		// An escaped slash is one segment to the router: it must not make a staff path look public.
		for (const path of [
			'/gatherings/1/checkin/..%2F..%2F..%2F..%2Frsvp%2Fx',
			'/accounts/..%2F..%2Frsvp/x',
			'/contacts/1/%2e%2e%2F..%2Flogin'
		]) {
			expect(decideAccess(path, 'GET', null), path).toBe('sign-in');
		}
		expect(decideAccess('/rsvp/abc', 'GET', null)).toBe('allow');
		expect(decideAccess('/%72svp/abc', 'GET', null)).toBe('allow');
	});

	it('refuses a path that does not decode', () => {
		expect(decideAccess('/accounts/%E0%A4%A', 'GET', 'viewer')).not.toBe('allow');
	});
});

describe('the session cookie follows ORIGIN', () => {
	const saved = { ...process.env };
	afterEach(() => {
		process.env = { ...saved };
	});

	it('is Secure when ORIGIN is https, whatever NODE_ENV says', () => {
		delete process.env.SECURE_COOKIES;
		process.env.NODE_ENV = 'development';
		process.env.ORIGIN = 'https://gala.example.com';
		expect(config.secureCookies).toBe(true);
		delete process.env.NODE_ENV;
		expect(config.secureCookies).toBe(true);
	});

	it('is not Secure on plain http, and SECURE_COOKIES forces either way', () => {
		delete process.env.SECURE_COOKIES;
		process.env.ORIGIN = 'http://localhost:3000';
		expect(config.secureCookies).toBe(false);
		process.env.SECURE_COOKIES = 'true';
		expect(config.secureCookies).toBe(true);
		process.env.ORIGIN = 'https://gala.example.com';
		process.env.SECURE_COOKIES = 'false';
		expect(config.secureCookies).toBe(false);
	});
});

const gathering = {
	title_zh: '答谢会',
	time_zone: 'America/New_York',
	starts_local: '2026-03-08T01:00',
	ends_local: '2026-03-08T04:00'
};

describe('wall-clock times around daylight-saving changes', () => {
	it('refuses a start or end that does not exist (the spring-forward gap)', () => {
		for (const [field, value] of [
			['starts_local', '2026-03-08T02:30'],
			['starts_local', '2026-03-08T02:00'],
			['ends_local', '2026-03-08T02:59'],
			['rsvp_deadline_local', '2026-03-08T02:15']
		] as const) {
			const result = gatheringInputSchema.safeParse({
				...gathering,
				starts_local: '2026-03-08T03:30',
				ends_local: '2026-03-08T05:00',
				[field]: value
			});
			expect(result.success, `${field} ${value}`).toBe(false);
			const issue = result.error!.issues.find((i) => i.path[0] === field);
			expect(issue?.message, `${field} ${value}`).toBe('gatherings_error_time_gap');
		}
	});

	it('keeps a 90-minute event 90 minutes long next to the gap', () => {
		const result = gatheringInputSchema.parse({
			...gathering,
			starts_local: '2026-03-08T03:00',
			ends_local: '2026-03-08T04:30'
		});
		expect(Date.parse(result.ends_at) - Date.parse(result.starts_at)).toBe(90 * 60_000);
		expect(result.starts_at).toBe('2026-03-08T07:00:00.000Z');
	});

	it('takes the earlier of two instants in the fall-back hour (documented)', () => {
		const result = gatheringInputSchema.parse({
			...gathering,
			starts_local: '2026-11-01T01:30',
			ends_local: '2026-11-01T03:00'
		});
		// 01:30 EDT (UTC−4), the first time the clock shows 01:30 that night.
		expect(result.starts_at).toBe('2026-11-01T05:30:00.000Z');
	});

	it('accepts ordinary times in zones without daylight saving', () => {
		const result = gatheringInputSchema.parse({
			...gathering,
			time_zone: 'Asia/Shanghai',
			starts_local: '2026-03-08T02:30',
			ends_local: '2026-03-08T04:00'
		});
		expect(result.starts_at).toBe('2026-03-07T18:30:00.000Z');
	});
});

/** Characters that break outputs: C0 (not tab/newline), DEL, C1, bidi overrides and isolates. */
const HOSTILE = [
	'\u0000',
	'\u0007',
	'\u0008',
	'\u001b',
	'\u000b',
	'\u000c',
	'\u007f',
	'\u0085',
	'\u009b',
	'\u202a',
	'\u202b',
	'\u202c',
	'\u202d',
	'\u202e',
	'\u2066',
	'\u2067',
	'\u2068',
	'\u2069'
];

interface Case {
	name: string;
	schema: z.ZodType;
	valid: Record<string, unknown>;
	single: string[];
	multi: string[];
}

const cases: Case[] = [
	{
		name: 'account',
		schema: accountInputSchema,
		valid: { name: '华东商贸', channel: 'distributor' },
		single: ['name', 'name_en', 'industry', 'region', 'tags', 'tier_override_reason'],
		multi: ['notes', 'competitor_notes']
	},
	{
		name: 'contact',
		schema: contactInputSchema,
		valid: { account_id: '1', name: '王伟' },
		single: ['name', 'name_latin', 'salutation', 'title', 'dietary', 'hobbies'],
		multi: ['notes', 'style_notes']
	},
	{
		name: 'gathering',
		schema: gatheringInputSchema,
		valid: {
			title_zh: '答谢会',
			starts_local: '2026-12-18T18:00',
			ends_local: '2026-12-18T21:00'
		},
		single: [
			'title_zh',
			'title_en',
			'venue_name',
			'venue_address',
			'dress_code',
			'host_name',
			'host_phone'
		],
		multi: ['description_zh', 'description_en', 'bring_notes']
	},
	{
		name: 'our person',
		schema: staffMemberSchema,
		valid: { name: '张伟', title: '总经理', kind: 'executive' },
		single: ['name', 'name_latin', 'title', 'title_en', 'phone'],
		multi: []
	},
	{
		name: 'user',
		schema: newUserSchema,
		valid: { email: 'a@example.com', name: '李华', role: 'viewer', password: 'password123' },
		single: ['name'],
		multi: []
	},
	{
		name: 'settings',
		schema: settingsSchema,
		valid: {
			company_name: '某公司',
			company_name_en: 'Some Co',
			default_time_zone: 'Asia/Shanghai'
		},
		single: ['company_name', 'company_name_en'],
		multi: []
	},
	{
		name: 'walk-in',
		schema: walkInSchema,
		valid: { name: '赵六', role: 'guest' },
		single: ['name', 'name_latin', 'company', 'title'],
		multi: []
	},
	{
		name: 'RSVP answer',
		schema: rsvpAnswerSchema,
		valid: {
			answer: 'accepted',
			companions: [],
			dietary: '',
			tour_language: '',
			arrival_details: '',
			message_to_host: ''
		},
		single: ['dietary', 'arrival_details'],
		multi: ['message_to_host']
	},
	{
		name: 'phone call',
		schema: callSchema,
		valid: { invitee_id: '1', outcome: 'confirmed', note: '', called_at: '' },
		single: [],
		multi: ['note']
	},
	{
		name: 'guest change',
		schema: inviteeChangeSchema,
		valid: { role: 'guest', companions_count: '1', companion_names: '' },
		single: [],
		multi: ['companion_names']
	}
];

describe('text fields refuse characters that break outputs', () => {
	for (const c of cases) {
		it(`${c.name}: every text field refuses control and bidi characters`, () => {
			expect(c.schema.safeParse(c.valid).success).toBe(true);
			for (const field of [...c.single, ...c.multi]) {
				for (const ch of HOSTILE) {
					const result = c.schema.safeParse({ ...c.valid, [field]: `王${ch}伟` });
					const label = `${field} U+${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`;
					expect(result.success, label).toBe(false);
					const issue = result.error!.issues.find((i) => i.path[0] === field);
					expect(issue?.message, label).toBe('security_error_control_chars');
				}
				// A tab is harmless and stays allowed.
				expect(c.schema.safeParse({ ...c.valid, [field]: '王\t伟' }).success, field).toBe(true);
			}
		});

		it(`${c.name}: newlines only in multi-line fields`, () => {
			for (const field of c.single) {
				const result = c.schema.safeParse({ ...c.valid, [field]: '第一行\n第二行' });
				expect(result.success, field).toBe(false);
				expect(result.error!.issues.find((i) => i.path[0] === field)?.message, field).toBe(
					'security_error_line_breaks'
				);
			}
			for (const field of c.multi) {
				expect(c.schema.safeParse({ ...c.valid, [field]: '第一行\r\n第二行' }).success, field).toBe(
					true
				);
			}
		});
	}
});

describe('the scheduling check says when a time is shown twice', () => {
	it('names a start in the fall-back hour and the offset Gala took', () => {
		const check = checkSchedule({
			startsAt: '2026-11-01T05:30:00.000Z',
			endsAt: '2026-11-01T08:00:00.000Z',
			timeZone: 'America/New_York',
			people: [],
			others: []
		});
		expect(check.repeated).toEqual([
			{ which: 'start', local: '2026-11-01 01:30', offset: 'UTC−04:00' }
		]);
	});

	it('says nothing on an ordinary night', () => {
		const check = checkSchedule({
			startsAt: '2026-11-08T05:30:00.000Z',
			endsAt: '2026-11-08T08:00:00.000Z',
			timeZone: 'America/New_York',
			people: [],
			others: []
		});
		expect(check.repeated).toEqual([]);
	});
});
