import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { expect, request, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { ADMIN, E2E_DB, VIEWER } from './support/env';
import { seedCheckinGathering } from './support/seed';
import { routeTree, type RouteInfo } from './support/routes';

/**
 * Who may do what, for every route in src/routes: each page, its `__data.json`, each `+server.ts`
 * method and each form action, requested as a signed-out visitor, a viewer, an organizer and an
 * administrator against the built app. The routes come from the source tree (support/routes.ts);
 * a route, an action or a method that is not in the table below fails the first test, so a new
 * one cannot be added without saying who may use it.
 */

type Role = 'anonymous' | 'viewer' | 'organizer' | 'admin';
const ROLES: Role[] = ['anonymous', 'viewer', 'organizer', 'admin'];

/**
 * - `ok`: a read answers 200 (a page's `__data.json` with data, not a redirect); a change is let
 *   through to its handler: anything but 401, 403 or a server error (an empty form is usually
 *   refused as invalid, 400, which is the handler speaking, not the access check).
 * - `login`: a read is sent to /login (303, or a redirect in `__data.json`); a change gets 401.
 * - `forbidden`: 403.
 * - `home`: sent to the staff home page (303 to `/`), e.g. /login when already signed in.
 * - `to-login`: sent to /login (303) whoever asks, e.g. /setup once an admin exists.
 * - `absent`: 404/405, nothing there for this method.
 */
type Outcome = 'ok' | 'login' | 'forbidden' | 'home' | 'to-login' | 'absent';
type ByRole = Record<Role, Outcome>;

interface Expectation {
	/** Page GET, its __data.json, and GET endpoints. */
	read: ByRole;
	/** Every action and non-GET endpoint, unless `only` says otherwise for one of them. */
	write: ByRole;
	/** Exactly the form actions the route has (a new one must be added here). */
	actions?: string[];
	/** Exactly the HTTP methods its +server.ts exports. */
	methods?: string[];
	/** A stricter (or looser) rule for one action or method. */
	only?: Record<string, ByRole>;
}

const all = (outcome: Outcome): ByRole => ({
	anonymous: outcome,
	viewer: outcome,
	organizer: outcome,
	admin: outcome
});
const signedIn = (outcome: Outcome): ByRole => ({ ...all(outcome), anonymous: 'login' });
const READ: ByRole = signedIn('ok');
const CHANGE: ByRole = { anonymous: 'login', viewer: 'forbidden', organizer: 'ok', admin: 'ok' };
const ADMIN_ONLY: ByRole = {
	anonymous: 'login',
	viewer: 'forbidden',
	organizer: 'forbidden',
	admin: 'ok'
};

/** Staff pages: everyone signed in reads; organizers and admins change. */
const staff = (actions: string[] = [], methods: string[] = []): Expectation => ({
	read: READ,
	write: CHANGE,
	actions,
	methods
});
/** Guest pages reached from an email: the token is the key, a session changes nothing. */
const guest = (actions: string[] = [], methods: string[] = []): Expectation => ({
	read: all('ok'),
	write: all('ok'),
	actions,
	methods
});

const TABLE: Record<string, Expectation> = {
	'/(guest)/rsvp/[token]': guest(['default']),
	'/(guest)/rsvp/[token]/calendar.ics': guest([], ['GET']),
	'/(guest)/rsvp/[token]/materials/[materialId=id]': guest([], ['GET']),
	'/(guest)/rsvp/[token]/agenda.pdf': guest([], ['GET']),
	// A contact's greeting preference behind the token in a greeting's unsubscribe link.
	'/(guest)/unsubscribe/[token]': guest(['default']),
	'/(staff)': staff(),
	'/(staff)/accounts': staff(),
	'/(staff)/accounts/[id=id]': staff(['delete', 'reviewed']),
	'/(staff)/accounts/[id=id]/edit': staff(['default']),
	'/(staff)/accounts/export': staff([], ['GET']),
	'/(staff)/accounts/import': staff(['import', 'preview']),
	'/(staff)/accounts/new': staff(['default']),
	'/(staff)/admin/users': {
		read: ADMIN_ONLY,
		write: ADMIN_ONLY,
		actions: ['create', 'disable', 'reset', 'role']
	},
	'/(staff)/campaigns': staff(),
	'/(staff)/campaigns/[id=id]': staff([
		'add',
		'cancel',
		'card',
		'filter',
		'pause',
		'remove',
		'removeCard',
		'resume',
		'start',
		'test',
		'update',
		'uploadCard'
	]),
	// The seeded campaign has no card yet: nothing to show, to anyone signed in.
	'/(staff)/campaigns/[id=id]/card/[locale].png': {
		read: signedIn('absent'),
		write: CHANGE,
		methods: ['GET']
	},
	'/(staff)/campaigns/[id=id]/report.csv': staff([], ['GET']),
	'/(staff)/campaigns/new': staff(['default']),
	'/(staff)/contacts': staff(),
	'/(staff)/contacts/[id=id]': staff(['delete']),
	'/(staff)/contacts/[id=id]/edit': staff(['default']),
	'/(staff)/contacts/export': staff([], ['GET']),
	'/(staff)/contacts/import': staff(['import', 'preview']),
	'/(staff)/contacts/new': staff(['default']),
	'/(staff)/gatherings': staff(),
	'/(staff)/gatherings/[id=id]': staff(['duplicate', 'status']),
	'/(staff)/gatherings/[id=id]/badges': staff(['palette', 'paletteReset']),
	'/(staff)/gatherings/[id=id]/badges/pdf': staff([], ['GET']),
	'/(staff)/gatherings/[id=id]/badges/printed': staff([], ['POST']),
	'/(staff)/gatherings/[id=id]/calendar.ics': staff([], ['GET']),
	'/(staff)/gatherings/[id=id]/calls': staff(['answer', 'log']),
	'/(staff)/gatherings/[id=id]/checkin': staff([
		'checkin',
		'companion',
		'companions',
		'pack',
		'scan',
		'undo',
		'walkin'
	]),
	'/(staff)/gatherings/[id=id]/edit': staff(['check', 'save']),
	'/(staff)/gatherings/[id=id]/export': staff([], ['GET']),
	'/(staff)/gatherings/[id=id]/guests': staff([
		'absent',
		'addAll',
		'addSelected',
		'addStaff',
		'read',
		'remove',
		'update'
	]),
	'/(staff)/gatherings/[id=id]/invitations': staff(['newLink', 'remind', 'send', 'sendUpdate']),
	'/(staff)/gatherings/[id=id]/materials': staff(['delete', 'upload']),
	'/(staff)/gatherings/[id=id]/materials/[materialId=id]': staff([], ['GET']),
	'/(staff)/gatherings/[id=id]/programme': staff(['delete', 'save', 'standard']),
	'/(staff)/gatherings/[id=id]/programme/agenda.pdf': staff([], ['GET']),
	'/(staff)/gatherings/[id=id]/programme/banquet': staff([
		'deleteSegment',
		'designate',
		'late',
		'line',
		'moveSegment',
		'request',
		'saveSegment',
		'standard'
	]),
	'/(staff)/gatherings/[id=id]/programme/banquet/run-sheet.pdf': staff([], ['GET']),
	'/(staff)/gatherings/[id=id]/programme/mc': staff(['late']),
	'/(staff)/gatherings/[id=id]/programme/tours': staff([
		'assign',
		'deleteGroup',
		'move',
		'saveGroup',
		'stagger',
		'unpin'
	]),
	'/(staff)/gatherings/[id=id]/programme/tours/[groupId=id]/roster.pdf': staff([], ['GET']),
	'/(staff)/gatherings/[id=id]/seating': staff([
		'addTables',
		'apart',
		'auto',
		'deleteTable',
		'entrance',
		'move',
		'saveTable',
		'together',
		'unpin'
	]),
	'/(staff)/gatherings/[id=id]/seating/chart.pdf': staff([], ['GET']),
	'/(staff)/gatherings/new': staff(['check', 'save']),
	// Custom occasions are an administrator's; an account manager opts in to recurring greetings.
	'/(staff)/greetings': {
		...staff(['addOccasion', 'deleteOccasion', 'recurring']),
		only: { addOccasion: ADMIN_ONLY, deleteOccasion: ADMIN_ONLY }
	},
	'/(staff)/host': staff(),
	'/(staff)/host/[id=id]/edit': staff(['delete', 'save']),
	'/(staff)/host/new': staff(['save']),
	'/(staff)/outbox': staff(),
	'/(staff)/outbox/[id=id]': staff(['retry']),
	'/(staff)/outbox/[id=id]/attachments/[attachmentId=id]': staff([], ['GET']),
	// Everyone's own password and calendar link, whatever their role.
	'/(staff)/profile': { read: READ, write: signedIn('ok'), actions: ['feed', 'password'] },
	// Everyone reads the settings; only an administrator saves them.
	'/(staff)/settings': { read: READ, write: ADMIN_ONLY, actions: ['default'] },
	// No logo is set in this run: nothing to show, to anyone signed in.
	'/(staff)/settings/logo': { read: signedIn('absent'), write: CHANGE, methods: ['GET'] },
	// A staff member's private calendar feed: its own token, no session.
	'/feed/[token].ics': { read: all('ok'), write: all('absent'), methods: ['GET'] },
	'/healthz': { read: all('ok'), write: all('absent'), methods: ['GET'] },
	// The language switch of signed-in users (guests switch with ?lang= on their page).
	'/locale': { read: signedIn('absent'), write: signedIn('ok'), methods: ['POST'] },
	'/login': { read: { ...all('home'), anonymous: 'ok' }, write: all('ok'), actions: ['default'] },
	'/logout': { read: signedIn('home'), write: signedIn('ok'), actions: ['default'] },
	'/setup': { read: all('to-login'), write: all('to-login'), actions: ['default'] }
};

test('every route, action and method in src/routes has a rule in the access table', () => {
	const tree = routeTree();
	const problems: string[] = [];
	for (const route of tree) {
		const rule = TABLE[route.id];
		if (!rule) {
			problems.push(`${route.id}: not in the access table of tests/e2e/access.spec.ts`);
			continue;
		}
		if (JSON.stringify(rule.actions ?? []) !== JSON.stringify(route.actions)) {
			problems.push(
				`${route.id}: actions ${JSON.stringify(route.actions)}, table says ${JSON.stringify(rule.actions ?? [])}`
			);
		}
		if (JSON.stringify(rule.methods ?? []) !== JSON.stringify(route.methods)) {
			problems.push(
				`${route.id}: methods ${JSON.stringify(route.methods)}, table says ${JSON.stringify(rule.methods ?? [])}`
			);
		}
	}
	for (const id of Object.keys(TABLE)) {
		if (!tree.some((route) => route.id === id)) {
			problems.push(`${id}: in the access table but no longer in src/routes`);
		}
	}
	expect(problems).toEqual([]);
	expect(tree.length).toBeGreaterThan(40);
});

// ---------------------------------------------------------------------------------------------
// Real rows for every [param], so a read that should succeed has something to show.

interface Seeded {
	values: Record<string, string>;
	organizer: { email: string; password: string };
}

async function seedRows(): Promise<Seeded['values']> {
	const g = await seedCheckinGathering();
	const guest = g.people.find((p) => p.rsvpToken)!;
	const host = g.people.find((p) => p.role === 'staff')!;
	const db = new Database(E2E_DB, { timeout: 10_000 });
	try {
		return db.transaction(() => {
			const at = new Date().toISOString();
			// Guests answer only while a gathering is open.
			db.prepare(`update gathering set status = 'open' where id = ?`).run(g.id);
			const ids = db
				.prepare(
					`select i.contact_id as contact, c.account_id as account,
					   (select staff_member_id from invitee where id = ?) as staff
					 from invitee i join contact c on c.id = i.contact_id where i.id = ?`
				)
				.get(host.id, guest.id) as { contact: number; account: number; staff: number };
			const material = db
				.prepare(
					`insert into gathering_material (gathering_id, filename, content_type, size, content, created_at)
					 values (?, ?, 'application/pdf', 9, ?, ?)`
				)
				.run(g.id, `access-${g.suffix}.pdf`, Buffer.from('%PDF-1.4 '), at).lastInsertRowid;
			// Already sent, so the mail worker leaves it alone.
			const message = db
				.prepare(
					`insert into outbox_message (kind, message_id, from_name, to_address, to_name, locale,
					   subject, html, text, status, attempts, next_attempt_at, sent_at, created_at)
					 values ('invitation', ?, 'Gala', ?, 'Access', 'zh-CN', 'access', '<p>x</p>', 'x',
					   'sent', 1, ?, ?, ?)`
				)
				.run(
					`<access-${g.suffix}@e2e>`,
					`access-${g.suffix}@example.com`,
					at,
					at,
					at
				).lastInsertRowid;
			const attachment = db
				.prepare(
					`insert into outbox_attachment (message_id, filename, content_type, content)
					 values (?, 'a.ics', 'text/calendar', ?)`
				)
				.run(message, Buffer.from('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n')).lastInsertRowid;
			const tourItem = db
				.prepare(
					`insert into program_item (gathering_id, starts_at, ends_at, kind, title_zh, title_en,
					   created_at, updated_at)
					 values (?, '2026-12-18T11:00:00.000Z', '2026-12-18T12:00:00.000Z', 'tour',
					   '参观', 'Tour', ?, ?)`
				)
				.run(g.id, at, at).lastInsertRowid;
			const group = db
				.prepare(
					`insert into tour_group (gathering_id, item_id, name, capacity) values (?, ?, 'A', 10)`
				)
				.run(g.id, tourItem).lastInsertRowid;
			const campaign = db
				.prepare(
					`insert into campaign (name, occasion, occasion_date, send_mode, send_date, sender_mode,
					   created_at, updated_at)
					 values (?, 'mid_autumn', '2027-09-15', 'local_nine', '2027-09-15', 'owner', ?, ?)`
				)
				.run(`access ${g.suffix}`, at, at).lastInsertRowid;
			// 32 base32 letters, as the greetings' links carry.
			const unsubscribe = Array.from(
				randomBytes(32),
				(b) => 'abcdefghijklmnopqrstuvwxyz234567'[b % 32]
			).join('');
			db.prepare(
				`insert into greeting_unsubscribe_token (token_hash, contact_id, created_at) values (?, ?, ?)`
			).run(createHash('sha256').update(unsubscribe).digest('hex'), ids.contact, at);
			const feed = randomBytes(20).toString('hex');
			db.prepare(`update user set calendar_feed_token_hash = ? where email = ?`).run(
				createHash('sha256').update(feed).digest('hex'),
				VIEWER.email
			);
			// Keyed by "segment before/param segment": [id=id] means a different row under each list.
			return {
				'accounts/[id=id]': String(ids.account),
				'contacts/[id=id]': String(ids.contact),
				'gatherings/[id=id]': String(g.id),
				'host/[id=id]': String(ids.staff),
				'outbox/[id=id]': String(message),
				'attachments/[attachmentId=id]': String(attachment),
				'materials/[materialId=id]': String(material),
				'rsvp/[token]': guest.rsvpToken!,
				'feed/[token].ics': `${feed}.ics`,
				'tours/[groupId=id]': String(group),
				'campaigns/[id=id]': String(campaign),
				'card/[locale].png': 'zh-CN.png',
				'unsubscribe/[token]': unsubscribe
			};
		})();
	} finally {
		db.close();
	}
}

/** The URL of a route id, with every [param] replaced by a seeded row's id or token. */
function urlOf(id: string, values: Record<string, string>): string {
	const parts = id.split('/').filter((part) => part && !/^\(.+\)$/.test(part));
	return (
		'/' +
		parts
			.map((part, i) => {
				if (!part.includes('[')) {
					return part;
				}
				const key = `${parts[i - 1]}/${part}`;
				if (!(key in values)) {
					throw new Error(`${id}: no seeded value for ${key} (add one in seedRows)`);
				}
				return values[key];
			})
			.join('/')
	);
}

/**
 * A fresh API client with no cookies (not the project's signed-in storage state) that posts forms
 * as a browser does: SvelteKit answers a form post that accepts any type as JSON (status 200).
 */
function newClient(baseURL: string | undefined) {
	return request.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' },
		storageState: { cookies: [], origins: [] }
	});
}

async function signIn(context: APIRequestContext, email: string, password: string) {
	const response = await context.post('/login', { form: { email, password }, maxRedirects: 0 });
	expect(response.status(), `sign in as ${email}`).toBe(303);
}

async function clientFor(role: Role, baseURL: string | undefined, seeded: Seeded) {
	const client = await newClient(baseURL);
	const credentials = {
		anonymous: null,
		viewer: VIEWER,
		organizer: seeded.organizer,
		admin: ADMIN
	}[role];
	if (credentials) {
		await signIn(client, credentials.email, credentials.password);
	}
	return client;
}

/** What went wrong with one response, or null when it matches the outcome. */
async function mismatch(
	response: APIResponse,
	outcome: Outcome,
	kind: 'read' | 'data' | 'write'
): Promise<string | null> {
	const status = response.status();
	const location = response.headers()['location'] ?? '';
	let redirectTo: string | null = status === 303 ? location : null;
	let dataType: string | null = null;
	if (kind === 'data' && status === 200) {
		const body = (await response.json().catch(() => null)) as {
			type?: string;
			location?: string;
		} | null;
		dataType = body?.type ?? null;
		redirectTo = body?.type === 'redirect' ? (body.location ?? '') : redirectTo;
	}
	const seen = `${status}${redirectTo !== null ? ` → ${redirectTo}` : ''}${dataType ? ` (${dataType})` : ''}`;
	const ok = (() => {
		switch (outcome) {
			case 'ok':
				if (kind === 'write') {
					return ![401, 403].includes(status) && status < 500;
				}
				return status === 200 && (kind !== 'data' || dataType === 'data');
			case 'login':
				return kind === 'write'
					? status === 401
					: (redirectTo ?? '').startsWith('/login?next=') &&
							(kind === 'data' ? dataType === 'redirect' : status === 303);
			case 'forbidden':
				return status === 403;
			case 'home':
				return redirectTo === '/';
			case 'to-login':
				return redirectTo === '/login';
			case 'absent':
				return status === 404 || status === 405;
		}
	})();
	return ok ? null : `expected ${outcome}, got ${seen}`;
}

interface Probe {
	route: RouteInfo;
	label: string;
	kind: 'read' | 'data' | 'write';
	send: (client: APIRequestContext) => Promise<APIResponse>;
	outcome: (role: Role) => Outcome;
}

/** Every request the table implies for one route. */
function probesFor(route: RouteInfo, url: string): Probe[] {
	const rule = TABLE[route.id];
	const probes: Probe[] = [];
	const read = (role: Role) => rule.read[role];
	if (route.page || route.actions.length > 0) {
		probes.push({
			route,
			label: `GET ${url}`,
			kind: 'read',
			send: (c) => c.get(url, { maxRedirects: 0 }),
			outcome: read
		});
	}
	if (route.page) {
		const data = `${url === '/' ? '' : url}/__data.json`;
		probes.push({
			route,
			label: `GET ${data}`,
			kind: 'data',
			send: (c) => c.get(data, { maxRedirects: 0 }),
			outcome: read
		});
	}
	for (const method of route.methods) {
		const write = method !== 'GET' && method !== 'HEAD';
		probes.push({
			route,
			label: `${method} ${url}`,
			kind: write ? 'write' : 'read',
			send: (c) => c.fetch(url, { method, form: write ? { id: '' } : undefined, maxRedirects: 0 }),
			outcome: (role) => rule.only?.[method]?.[role] ?? (write ? rule.write[role] : read(role))
		});
	}
	for (const action of route.actions) {
		const target = action === 'default' ? url : `${url}?/${action}`;
		probes.push({
			route,
			label: `POST ${target}`,
			kind: 'write',
			// An empty form: it reaches the handler, which refuses it as invalid, so the rows the
			// other probes read stay as they are.
			send: (c) => c.post(target, { form: { id: '' }, maxRedirects: 0 }),
			outcome: (role) => rule.only?.[action]?.[role] ?? rule.write[role]
		});
	}
	// POST to a route without actions or a POST handler: nothing should answer it.
	if (route.page && route.actions.length === 0 && !route.methods.includes('POST')) {
		probes.push({
			route,
			label: `POST ${url} (no action)`,
			kind: 'write',
			send: (c) => c.post(url, { form: { id: '' }, maxRedirects: 0 }),
			outcome: (role) =>
				rule.write[role] === 'ok' || rule.write[role] === 'absent' ? 'absent' : rule.write[role]
		});
	}
	return probes;
}

test.describe('route × role', () => {
	let seeded: Seeded;
	let probes: Probe[];

	test.beforeAll(async ({ baseURL }) => {
		const values = await seedRows();
		// An organizer, made as an administrator makes one.
		const organizer = {
			email: `organizer-${Date.now().toString(36)}@example.com`,
			password: 'gala-organizer-pass'
		};
		const admin = await newClient(baseURL);
		await signIn(admin, ADMIN.email, ADMIN.password);
		const created = await admin.post('/admin/users?/create', {
			form: { name: '钱组织', role: 'organizer', ...organizer },
			maxRedirects: 0
		});
		expect(created.status()).toBe(303);
		await admin.dispose();
		seeded = { values, organizer };
		probes = routeTree()
			.filter((route) => TABLE[route.id])
			.flatMap((route) => probesFor(route, urlOf(route.id, values)));
	});

	async function check(role: Role, kinds: Probe['kind'][], baseURL: string | undefined) {
		const client = await clientFor(role, baseURL, seeded);
		const problems: string[] = [];
		// Signing out ends the session the other probes use: last.
		const ordered = probes
			.filter((p) => kinds.includes(p.kind))
			.sort((a, b) => Number(a.route.id === '/logout') - Number(b.route.id === '/logout'));
		try {
			for (const probe of ordered) {
				const problem = await mismatch(await probe.send(client), probe.outcome(role), probe.kind);
				if (problem) {
					problems.push(`${role}: ${probe.label}: ${problem}`);
				}
			}
		} finally {
			await client.dispose();
		}
		expect(problems).toEqual([]);
	}

	// Reads first for every role, then changes (which may delete the seeded rows).
	for (const role of ROLES) {
		test(`reads as ${role}`, async ({ baseURL }) => {
			test.setTimeout(180_000);
			await check(role, ['read', 'data'], baseURL);
		});
	}
	for (const role of ROLES) {
		test(`changes as ${role}`, async ({ baseURL }) => {
			test.setTimeout(180_000);
			await check(role, ['write'], baseURL);
		});
	}
});

test('a wrong guest or feed token is a plain 404, signed in or not', async ({ baseURL }) => {
	const visitor = await newClient(baseURL);
	const wrong = randomBytes(20).toString('hex');
	for (const url of [`/rsvp/${wrong}`, `/feed/${wrong}.ics`]) {
		expect((await visitor.get(url, { maxRedirects: 0 })).status(), url).toBe(404);
	}
	await visitor.dispose();
});

test('an encoded path shows no administrator data to a viewer', async ({ baseURL }) => {
	const viewer = await newClient(baseURL);
	await signIn(viewer, VIEWER.email, VIEWER.password);
	for (const url of ['/%61dmin/users', '/%61dmin/users/__data.json', '/admin/%75sers']) {
		const response = await viewer.get(url, { maxRedirects: 0 });
		const body = await response.text();
		expect(body, url).not.toContain(ADMIN.email);
		expect([200, 403, 404], url).toContain(response.status());
	}
	const visitor = await newClient(baseURL);
	const post = await visitor.post('/%61ccounts/new', { form: { name: 'x' }, maxRedirects: 0 });
	expect([401, 403, 404], 'anonymous POST /%61ccounts/new').toContain(post.status());
	await Promise.all([viewer.dispose(), visitor.dispose()]);
});

test('the access check decides on the decoded path, not only the page’s own check', async ({
	baseURL
}) => {
	// The hook used to read the raw path, so /%61dmin/users/__data.json passed it and only the
	// page's own requireRole answered (inside a 200 JSON body).
	const viewer = await newClient(baseURL);
	await signIn(viewer, VIEWER.email, VIEWER.password);
	const response = await viewer.get('/%61dmin/users/__data.json', { maxRedirects: 0 });
	await viewer.dispose();
	expect(response.status()).toBe(403);
});
