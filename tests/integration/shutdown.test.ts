import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDb, type Db } from '$lib/server/db';
import { bundledMigrations, migrateToLatest } from '$lib/server/db/migrate';
import { generateToken, hashToken } from '$lib/server/auth/tokens';
import { insertToken } from '$lib/server/invitations/repository';
import { newGatheringWithGuests } from '../helpers/gatherings';
import { buildInto, waitFor } from '../../bench/support/built-app';

// SIGTERM against the built app (`node build`), as a process manager stops it, while guests'
// answers are being sent. Builds the app first (about a minute on a busy machine) unless
// GALA_TEST_BUILD_DIR names a build that exists.

const BUILD = process.env.GALA_TEST_BUILD_DIR ?? 'test-results/build-shutdown';
let dir: string;
let path: string;
let db: Db;
const apps: ChildProcess[] = [];

beforeAll(() => {
	if (!process.env.GALA_TEST_BUILD_DIR || !existsSync(BUILD)) {
		buildInto(BUILD, 'test-results/kit-shutdown');
	}
	dir = mkdtempSync(join(tmpdir(), 'gala-shutdown-'));
	path = join(dir, 'gala.db');
}, 600_000);

afterAll(async () => {
	for (const app of apps) {
		if (app.exitCode === null && app.signalCode === null) {
			app.kill('SIGKILL');
		}
	}
	await db?.destroy();
	rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

async function startApp(port: number): Promise<ChildProcess> {
	const app = spawn(process.execPath, [BUILD], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${port}`,
			DATABASE_PATH: path,
			SMTP_URL: '',
			NODE_ENV: 'production'
		}
	});
	apps.push(app);
	await waitFor(`http://127.0.0.1:${port}/healthz`, app);
	return app;
}

function exitOf(child: ChildProcess): Promise<number | null> {
	return child.exitCode !== null
		? Promise.resolve(child.exitCode)
		: new Promise((resolve) => child.once('exit', resolve));
}

/**
 * A guest's answer as a phone's browser posts it, on its own connection. `held` sends the
 * headers and half the body now and the rest on `finish()`: a request the server has begun.
 */
function postAnswer(port: number, token: string, dietary: string, held = false) {
	const body = new URLSearchParams({
		answer: 'accepted',
		dietary,
		tour_language: 'zh',
		arrival_details: '',
		message_to_host: ''
	}).toString();
	const req = request({
		host: '127.0.0.1',
		port,
		method: 'POST',
		path: `/rsvp/${token}`,
		agent: false,
		headers: {
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			'content-length': Buffer.byteLength(body),
			origin: `http://127.0.0.1:${port}`
		}
	});
	const result = new Promise<number | string>((resolve) => {
		req.once('response', (res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
		});
		req.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
	});
	const half = Math.floor(body.length / 2);
	if (held) {
		req.flushHeaders();
		req.write(body.slice(0, half));
	} else {
		req.end(body);
	}
	return { token, dietary, result, finish: () => req.end(body.slice(half)) };
}

function get(port: number, path: string): Promise<number> {
	return new Promise((resolve, reject) => {
		request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
		})
			.once('error', reject)
			.end();
	});
}

it('on SIGTERM the built app answers the requests it has begun, stores every answer it acknowledged and exits by itself', async () => {
	const port = await freePort();
	// The app makes and migrates its database on start, as in production.
	let app = await startApp(port);
	db = createDb(path);
	await migrateToLatest(db, bundledMigrations());
	const { inviteeIds } = await newGatheringWithGuests(db, 40, {
		status: 'open',
		starts_at: '2099-01-15T10:00:00.000Z',
		ends_at: '2099-01-15T14:00:00.000Z',
		rsvp_deadline: '2099-01-10T10:00:00.000Z'
	});
	const tokens: string[] = [];
	for (const inviteeId of inviteeIds) {
		const token = generateToken();
		// Answers look a link up by its hash alone; the nonce only matters when an email is sent.
		await insertToken(
			db,
			{ hash: hashToken(token), nonce: generateToken() },
			inviteeId,
			new Date().toISOString()
		);
		tokens.push(token);
	}

	// Five answers the server has begun (headers and half the body are in), ...
	const held = tokens.slice(0, 5).map((t, i) => postAnswer(port, t, `held ${i}`, true));
	// ... which it has read before it answers a later request on another connection.
	expect(await get(port, '/healthz')).toBe(200);
	// A burst of complete answers in flight as the signal arrives.
	const burst = tokens.slice(5).map((t, i) => postAnswer(port, t, `burst ${i}`));
	const exited = exitOf(app);
	app.kill('SIGTERM');
	for (const answer of held) {
		answer.finish();
	}
	const results = await Promise.all(
		[...held, ...burst].map(async (a) => ({ ...a, status: await a.result }))
	);
	expect(await exited).toBe(0);

	// Every request the server had begun got its answer (303 to the thank-you page).
	expect(results.slice(0, held.length).map((r) => r.status)).toEqual(held.map(() => 303));
	const acknowledged = results.filter((r) => r.status === 303);
	// Refused or unanswered burst requests are allowed (the server was closing); wrong answers not.
	expect(results.filter((r) => typeof r.status === 'number' && r.status !== 303)).toEqual([]);

	app = await startApp(port);
	const rows = await db
		.selectFrom('invitee')
		.select(['id', 'status', 'dietary'])
		.where('id', 'in', inviteeIds)
		.execute();
	const stored = new Map(rows.map((r) => [r.id, r]));
	for (const answer of acknowledged) {
		const row = stored.get(inviteeIds[tokens.indexOf(answer.token)])!;
		expect({ status: row.status, dietary: row.dietary }).toEqual({
			status: 'accepted',
			dietary: answer.dietary
		});
	}
	const exitedAgain = exitOf(app);
	app.kill('SIGTERM');
	expect(await exitedAgain).toBe(0);
}, 120_000);
