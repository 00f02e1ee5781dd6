import type { Executor } from '../db';
import {
	DIETARY_KINDS,
	dietaryKinds,
	type DietaryKind,
	type GuestSummary
} from '$lib/domain/guest-details';
import { listAttendingPeople } from './attending';
import { listInvitees } from './repository';

// What attending guests told us, summed up for the overview: dietary needs by kind, tour
// languages, arrivals by car (the parking list) and the messages to the host.

/** Licence plates as written in China (沪A·12345, 京B12345, 粤B·D12345). */
const CN_PLATE = /[\u4e00-\u9fa5][A-Z][·•\s-]?[A-Z0-9]{5,6}/gu;
/** Any other plate, when the guest says it is one ("plate: B-XY 123", "车牌 ABC123"). */
const NAMED_PLATE = /(?:plate|车牌|车牌号)[:：\s]*([A-Za-z0-9][A-Za-z0-9 -]{2,9}[A-Za-z0-9])/gi;
const BY_CAR = /车|car|drive|driving|自驾|停车|parking|plate/i;

export function platesIn(text: string): string[] {
	const plates = [
		...[...text.matchAll(CN_PLATE)].map((m) => m[0]),
		...[...text.matchAll(NAMED_PLATE)].map((m) => m[1])
	].map((p) => p.trim().toUpperCase());
	return [...new Set(plates)];
}

export async function guestSummary(db: Executor, gatheringId: number): Promise<GuestSummary> {
	const [people, invitees] = await Promise.all([
		listAttendingPeople(db, gatheringId),
		listInvitees(db, gatheringId)
	]);
	const counts = Object.fromEntries(DIETARY_KINDS.map((k) => [k, 0])) as Record<
		DietaryKind,
		number
	>;
	const notes: GuestSummary['dietary']['notes'] = [];
	const tours = new Map<string, number>();
	for (const p of people) {
		if (p.dietary) {
			const kinds = dietaryKinds(p.dietary);
			for (const kind of kinds) {
				counts[kind] += 1;
			}
			notes.push({
				name: p.name || p.nameLatin || '',
				company: p.accountName,
				note: p.dietary,
				other: kinds.length === 0
			});
		}
		// Companions tour with the person who brought them.
		if (p.tourLanguage) {
			tours.set(p.tourLanguage, (tours.get(p.tourLanguage) ?? 0) + 1);
		}
	}
	const attendingIds = new Set(
		people.filter((p) => p.companionId === null).map((p) => p.inviteeId)
	);
	const parking = invitees
		.filter((i) => attendingIds.has(i.id) && i.arrival_details && BY_CAR.test(i.arrival_details))
		.map((i) => ({
			inviteeId: i.id,
			name: i.name ?? '',
			company: i.company,
			arrival: i.arrival_details ?? '',
			plates: platesIn(i.arrival_details ?? '')
		}));
	const messages = invitees
		.filter((i) => i.message_to_host)
		.map((i) => ({
			inviteeId: i.id,
			name: i.name ?? '',
			company: i.company,
			message: i.message_to_host ?? '',
			answeredAt: i.answered_at,
			read: Boolean(i.message_read_at)
		}))
		.sort(
			(a, b) =>
				Number(a.read) - Number(b.read) || (b.answeredAt ?? '').localeCompare(a.answeredAt ?? '')
		);
	return {
		dietary: { counts, notes },
		tourLanguages: [...tours].map(([language, n]) => ({ language, people: n })),
		parking,
		messages,
		unreadMessages: messages.filter((x) => !x.read).length
	};
}
