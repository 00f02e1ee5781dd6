import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';

/**
 * Puts a gathering with accepted invitees straight into the e2e server's database (the server
 * runs in WAL mode, so both can hold the file). Raw SQL on purpose: the e2e suite must not depend
 * on the gatherings/invitations pages that other specs exercise, and every name carries a unique
 * suffix so specs never meet each other's rows, whatever order CI runs them in.
 */

export interface SeededPerson {
	id: number;
	name: string;
	nameLatin: string | null;
	company: string | null;
	role: 'guest' | 'executive' | 'staff';
	code: string;
	companions: string[];
	/** The guest's RSVP link token (guests only), stored hashed as the app stores it. */
	rsvpToken: string | null;
}

export interface SeededGathering {
	id: number;
	title: string;
	suffix: string;
	/** In insertion order: guests of a key account first, then the host's people. */
	people: SeededPerson[];
	accountManager: string;
}

const now = () => new Date().toISOString();

function code(): string {
	return randomBytes(12).toString('base64url');
}

/** A short random tag, letters only, so it survives pinyin and initial searches unchanged. */
function tag(): string {
	return Array.from(randomBytes(5), (b) => String.fromCharCode(97 + (b % 26))).join('');
}

export function seedCheckinGathering(dbPath: string): SeededGathering {
	const db = new Database(dbPath, { timeout: 10_000 });
	db.pragma('journal_mode = WAL');
	db.pragma('foreign_keys = ON');
	try {
		return db.transaction(() => insertAll(db))();
	} finally {
		db.close();
	}
}

function insertAll(db: Database.Database): SeededGathering {
	const suffix = tag();
	const at = now();
	const manager = db
		.prepare(`select id, name from user where disabled_at is null order by id limit 1`)
		.get() as { id: number; name: string } | undefined;

	const account = db
		.prepare(
			`insert into account (name, name_en, name_sort, channel, owner_user_id, auto_tier, created_at, updated_at)
			 values (?, ?, ?, 'ka_retailer', ?, 'key', ?, ?)`
		)
		.run(
			`恒通商贸${suffix}`,
			`Hengtong Trading ${suffix}`,
			`hengtong ${suffix}`,
			manager?.id ?? null,
			at,
			at
		).lastInsertRowid as number;

	const title = `答谢会 ${suffix}`;
	const gathering = db
		.prepare(
			`insert into gathering (uid, title_zh, title_en, starts_at, ends_at, time_zone, created_at, updated_at)
			 values (?, ?, ?, ?, ?, 'Asia/Shanghai', ?, ?)`
		)
		.run(
			`${suffix}-${code()}@e2e`,
			title,
			`Appreciation Evening ${suffix}`,
			'2026-12-18T10:00:00.000Z',
			'2026-12-18T14:00:00.000Z',
			at,
			at
		).lastInsertRowid as number;

	const contact = db.prepare(
		`insert into contact (account_id, name, name_latin, name_pinyin, name_initials, title, created_at, updated_at)
		 values (?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const staff = db.prepare(
		`insert into staff_member (name, name_latin, title, kind, created_at, updated_at)
		 values (?, ?, ?, ?, ?, ?)`
	);
	const invitee = db.prepare(
		`insert into invitee (gathering_id, contact_id, staff_member_id, role, status, answer_source,
		   answered_at, table_number, tour_group, checkin_code, created_at, updated_at)
		 values (?, ?, ?, ?, 'accepted', 'link', ?, ?, ?, ?, ?, ?)`
	);
	const companion = db.prepare(
		`insert into invitee_companion (gathering_id, invitee_id, position, name, created_at)
		 values (?, ?, ?, ?, ?)`
	);

	const token = db.prepare(
		`insert into rsvp_token (token_hash, invitee_id, created_at) values (?, ?, ?)`
	);
	const people: SeededPerson[] = [];
	// Chinese names with a Latin tag, so pinyin initials ('wjg…') and the tag both find them.
	const guests: [string, string, string, string, string[]][] = [
		[`王建国${suffix}`, `Wang Jianguo ${suffix}`, 'wangjianguo', 'wjg', []],
		[`李秀英${suffix}`, `Li Xiuying ${suffix}`, 'lixiuying', 'lxy', [`张伟${suffix}`]],
		[`陈思远${suffix}`, `Chen Siyuan ${suffix}`, 'chensiyuan', 'csy', []]
	];
	guests.forEach(([name, latin, pinyin, initials, companions], i) => {
		const contactId = contact.run(
			account,
			name,
			latin,
			pinyin + suffix,
			initials + suffix,
			'采购总监',
			at,
			at
		).lastInsertRowid as number;
		const c = code();
		const id = invitee.run(gathering, contactId, null, 'guest', at, String(i + 1), 'A', c, at, at)
			.lastInsertRowid as number;
		companions.forEach((n, p) => companion.run(gathering, id, p + 1, n, at));
		const rsvpToken = randomBytes(20).toString('hex');
		token.run(createHash('sha256').update(rsvpToken).digest('hex'), id, at);
		people.push({
			id,
			name,
			nameLatin: latin,
			company: `恒通商贸${suffix}`,
			role: 'guest',
			code: c,
			companions,
			rsvpToken
		});
	});
	const hosts: [string, string, 'executive' | 'staff', string][] = [
		[`刘总${suffix}`, `Liu ${suffix}`, 'executive', '总经理'],
		[`赵敏${suffix}`, `Zhao Min ${suffix}`, 'staff', '大客户经理']
	];
	for (const [name, latin, kind, jobTitle] of hosts) {
		const staffId = staff.run(name, latin, jobTitle, kind, at, at).lastInsertRowid as number;
		const c = code();
		const id = invitee.run(gathering, null, staffId, kind, at, null, null, c, at, at)
			.lastInsertRowid as number;
		people.push({
			id,
			name,
			nameLatin: latin,
			company: null,
			role: kind,
			code: c,
			companions: [],
			rsvpToken: null
		});
	}
	return { id: gathering, title, suffix, people, accountManager: manager?.name ?? '' };
}
