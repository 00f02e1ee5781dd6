// Companions as plain data: what the repository's rows become on badges, emails and lists.

/** The names to print or write for companions: the name, else the Latin name; unnamed ones left out. */
export function companionNames(rows: readonly { name: string; name_latin?: string | null }[]) {
	return rows.map((c) => c.name || c.name_latin || '').filter(Boolean);
}

/** Groups companion rows by invitee id. */
export function byInvitee<T extends { invitee_id: number }>(rows: readonly T[]): Map<number, T[]> {
	const map = new Map<number, T[]>();
	for (const row of rows) {
		const list = map.get(row.invitee_id) ?? [];
		list.push(row);
		map.set(row.invitee_id, list);
	}
	return map;
}
