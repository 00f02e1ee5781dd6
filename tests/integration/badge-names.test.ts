import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { listBadgeCandidates } from '$lib/server/badges/service';
import { MIN_NAME_PT, preflightNames } from '$lib/server/badges/preflight';
import { renderBadgePdf } from '$lib/server/badges/pdf';
import { loadBadgeFonts } from '$lib/server/badges/fonts';
import { DEFAULT_PALETTE } from '$lib/server/badges/palette';
import { badgeLabels } from '$lib/server/badges/service';
import { createTestDb } from '../helpers/db';
import { newAccount } from '../helpers/accounts';
import { addInvitee, newGathering } from '../helpers/gatherings';
import { pdfText, streamToBuffer } from '../helpers/pdf';
import { nowIso } from '$lib/server/time';

let db: Db;
let gid: number;
beforeEach(async () => {
	db = await createTestDb();
	gid = await newGathering(db);
});

async function guest(name: string, nameLatin: string | null) {
	const accountId = await newAccount(db, { name: 'Schmidt GmbH' });
	const now = nowIso();
	const contact = await db
		.insertInto('contact')
		.values({
			account_id: accountId,
			name,
			name_latin: nameLatin,
			created_at: now,
			updated_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return addInvitee(db, gid, { contact_id: contact.id }, { status: 'accepted' });
}

const UNBREAKABLE = 'Wolfeschlegelsteinhausenbergerdorffvoralternwaren';

describe('names on badges', () => {
	it('prints a Latin name equal to the name once', async () => {
		await guest('Anna Schmidt', 'anna  schmidt');
		await guest('王伟', 'Wang Wei');
		const [anna, wang] = (await listBadgeCandidates(db, gid)).sort((a, b) =>
			a.name.localeCompare(b.name)
		);
		expect(anna.nameLatin).toBeNull();
		expect(wang.nameLatin).toBe('Wang Wei');
		const pdf = await streamToBuffer(
			renderBadgePdf([anna], {
				layout: 'a6',
				palette: DEFAULT_PALETTE,
				fonts: loadBadgeFonts(),
				event: { title: '答谢会', titleLatin: 'Evening', date: '18 Dec', ...badgeLabels() }
			})
		);
		expect(pdfText(pdf).match(/anna schmidt/gi)).toHaveLength(1);
	});

	it(`warns when a name that cannot break would print below ${MIN_NAME_PT} pt`, () => {
		const warnings = preflightNames([
			{ key: '1', role: 'guest', name: UNBREAKABLE },
			{ key: '2', role: 'guest', name: '欧阳娜娜' },
			{ key: '3', role: 'staff', name: 'Maximilian Alexander von Hohenberg-Schwarzenfels' }
		]);
		expect(warnings).toHaveLength(1);
		const [small] = warnings;
		expect(small.kind).toBe('small');
		expect(small.key).toBe('1');
		if (small.kind === 'small') {
			expect(small.size).toBeLessThan(MIN_NAME_PT);
			expect(small.size).toBeGreaterThan(0);
			expect(small.layouts).toContain('a4-90x55');
			expect(small.layouts).not.toContain('a6');
		}
	});

	it('flags names in a right-to-left script', () => {
		const warnings = preflightNames([
			{ key: '1', role: 'guest', name: 'محمد بن سلمان' },
			{ key: '2', role: 'guest', name: 'דוד לוי' },
			{ key: '3', role: 'guest', name: 'Mohammed Ali' }
		]);
		expect(warnings.filter((w) => w.kind === 'rtl').map((w) => w.key)).toEqual(['1', '2']);
	});
});
