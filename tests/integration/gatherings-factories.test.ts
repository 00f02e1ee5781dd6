import { describe, expect, it } from 'vitest';
import { createTestDb } from '../helpers/db';
import {
	addInvitee,
	newContact,
	newGathering,
	newGatheringWithGuests
} from '../helpers/gatherings';

describe('gathering factories', () => {
	it('put a contact on a gathering once, with an answer when asked', async () => {
		const db = await createTestDb();
		const gatheringId = await newGathering(db);
		const contact = await newContact(db);
		await addInvitee(db, gatheringId, { contact_id: contact.id }, { status: 'accepted' });
		const row = await db.selectFrom('invitee').selectAll().executeTakeFirstOrThrow();
		expect(row.answer_source).toBe('link');
		await expect(addInvitee(db, gatheringId, { contact_id: contact.id })).rejects.toThrow();
		const other = await newGatheringWithGuests(db, 2);
		expect(other.inviteeIds).toHaveLength(2);
	});
});
