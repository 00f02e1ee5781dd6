import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { DomainError } from '$lib/server/errors';
import { setFlash } from '$lib/server/flash';
import { failFromDomain, parseForm } from '$lib/server/forms';
import {
	addContacts,
	addFromDirectory,
	addStaffMembers,
	changeInvitee,
	inviteeChangeSchema,
	markMessageRead,
	removeInvitee,
	setHostAbsent,
	type AddResult
} from '$lib/server/gatherings/guests';
import { type DirectoryFilter } from '$lib/server/gatherings/directory';
import { loadGuestList } from '$lib/server/gatherings/guest-list';
import type { InviteeFilter } from '$lib/server/gatherings/guest-list';
import { inviteeRoles } from '$lib/server/gatherings/schema';
import type { Cookies } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

const TIERS = ['key', 'potential', 'regular'] as const;
const STATUSES = ['not_invited', 'invited', 'accepted', 'declined'] as const;
const TOLD = ['dietary', 'tour_zh', 'tour_en', 'arrival', 'message', 'unread'] as const;

const positiveId = (v: string | null | undefined) => {
	const n = Number(v);
	return Number.isInteger(n) && n > 0 ? n : undefined;
};
const oneOf = <T extends string>(list: readonly T[], v: string | null | undefined) =>
	list.includes(v as T) ? (v as T) : undefined;

function directoryFilter(get: (key: string) => string | null | undefined): DirectoryFilter {
	return {
		tier: oneOf(TIERS, get('dtier')),
		accountId: positiveId(get('daccount')),
		tag: get('dtag')?.trim() || undefined,
		ownerUserId: positiveId(get('downer')),
		q: get('dq')?.trim().slice(0, 100) || undefined
	};
}

export const load = (async ({ parent, url }) => {
	const { gathering } = await parent();
	const sp = url.searchParams;
	const filter: InviteeFilter = {
		status: oneOf(STATUSES, sp.get('status')),
		role: oneOf(inviteeRoles, sp.get('role')),
		tier: oneOf(TIERS, sp.get('tier')),
		accountId: positiveId(sp.get('account')),
		told: oneOf(TOLD, sp.get('told'))
	};
	const directory = directoryFilter((k) => sp.get(k));
	const list = await loadGuestList(getDb(), gathering.id, filter, directory);
	return {
		gathering: {
			id: gathering.id,
			title_zh: gathering.title_zh,
			title_en: gathering.title_en,
			status: gathering.status,
			companions_allowed: gathering.companions_allowed
		},
		filter,
		directory,
		// Our own people are hosts: listed apart from the guests.
		invitees: list.invitees.filter((i) => i.role === 'guest').map(shape),
		hosts: list.invitees.filter((i) => i.role !== 'guest').map(shape),
		person: positiveId(sp.get('person')) ?? null,
		total: list.total,
		choices: list.choices,
		found: list.found,
		staffOnList: list.staffOnList
	};
}) satisfies PageServerLoad;

function shape(i: Awaited<ReturnType<typeof loadGuestList>>['invitees'][number]) {
	return {
		...i,
		companions_count: Number(i.companions_count),
		companions: i.companions.map((c) => ({
			position: c.position,
			name: c.name,
			name_latin: c.name_latin,
			dietary: c.dietary
		}))
	};
}

/** Adds people, says how many (and how many were already listed), and goes back to `to`. */
async function addThenBack(cookies: Cookies, add: () => Promise<AddResult>, to: string) {
	let result: AddResult;
	try {
		result = await add();
	} catch (err) {
		return failFromDomain(err);
	}
	setFlash(cookies, {
		type: result.added > 0 ? 'success' : 'info',
		message:
			result.already > 0
				? m.gatherings_added_already({ added: result.added, already: result.already })
				: m.gatherings_added({ added: result.added })
	});
	redirect(303, to);
}

const idList = (form: FormData, key: string) =>
	form
		.getAll(key)
		.map((v) => positiveId(String(v)))
		.filter((v): v is number => v !== undefined);

/** Where to go back to: the list with the filters it had (sent as a hidden field `back`). */
function back(id: number, form: FormData): string {
	const params = new URLSearchParams(String(form.get('back') ?? ''));
	const kept = new URLSearchParams();
	for (const [key, value] of params) {
		if (/^[a-z]+$/.test(key)) {
			kept.append(key, value);
		}
	}
	const query = kept.toString();
	return `/gatherings/${id}/guests${query ? `?${query}` : ''}`;
}

const inviteeIdSchema = z.object({
	invitee_id: z.coerce.number().int().positive('error_not_found'),
	confirm: z
		.string()
		.optional()
		.transform((v) => v === '1')
});

export const actions = {
	addSelected: async ({ params, request, locals, cookies }) => {
		const id = Number(params.id);
		const form = await request.formData();
		const ids = idList(form, 'contact_id');
		if (ids.length === 0) {
			return failFromDomain(new DomainError('gatherings_add_choose'));
		}
		return addThenBack(
			cookies,
			() => addContacts(getDb(), id, ids, locals.user?.id ?? null),
			back(id, form)
		);
	},
	addAll: async ({ params, request, locals, cookies }) => {
		const id = Number(params.id);
		const form = await request.formData();
		const filter = directoryFilter((k) => form.get(k)?.toString());
		return addThenBack(
			cookies,
			() => addFromDirectory(getDb(), id, filter, locals.user?.id ?? null),
			`/gatherings/${id}/guests`
		);
	},
	addStaff: async ({ params, request, locals, cookies }) => {
		const id = Number(params.id);
		const ids = idList(await request.formData(), 'staff_id');
		if (ids.length === 0) {
			return failFromDomain(new DomainError('gatherings_add_choose'));
		}
		return addThenBack(
			cookies,
			() => addStaffMembers(getDb(), id, ids, locals.user?.id ?? null),
			`/gatherings/${id}/guests`
		);
	},
	update: async ({ params, request, locals, cookies }) => {
		const id = Number(params.id);
		const form = await request.formData();
		const ref = inviteeIdSchema.safeParse({ invitee_id: form.get('invitee_id') });
		const parsed = parseForm(inviteeChangeSchema, form);
		if (!parsed.ok) {
			return parsed.failure;
		}
		if (!ref.success) {
			error(404, m.error_not_found());
		}
		try {
			await changeInvitee(getDb(), id, ref.data.invitee_id, parsed.data, locals.user?.id ?? null);
		} catch (err) {
			return failFromDomain(err);
		}
		setFlash(cookies, {
			type: 'success',
			message: m.gatherings_invitee_saved({ name: String(form.get('name') ?? '') })
		});
		redirect(303, back(id, form));
	},
	absent: async ({ params, request, locals, cookies }) => {
		const id = Number(params.id);
		const form = await request.formData();
		const parsed = parseForm(inviteeIdSchema, form);
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			await setHostAbsent(
				getDb(),
				id,
				parsed.data.invitee_id,
				form.get('absent') === '1',
				locals.user?.id ?? null
			);
		} catch (err) {
			return failFromDomain(err);
		}
		setFlash(cookies, {
			type: 'success',
			message: m.gatherings_invitee_saved({ name: String(form.get('name') ?? '') })
		});
		redirect(303, back(id, form));
	},
	read: async ({ params, request }) => {
		const id = Number(params.id);
		const form = await request.formData();
		const parsed = parseForm(inviteeIdSchema, form);
		if (!parsed.ok) {
			return parsed.failure;
		}
		await markMessageRead(getDb(), id, parsed.data.invitee_id, form.get('read') === '1');
		return { updated: true };
	},
	remove: async ({ params, request, locals, cookies }) => {
		const id = Number(params.id);
		const form = await request.formData();
		const parsed = parseForm(inviteeIdSchema, form);
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			await removeInvitee(
				getDb(),
				id,
				parsed.data.invitee_id,
				{ confirmed: parsed.data.confirm },
				locals.user?.id ?? null
			);
		} catch (err) {
			return failFromDomain(err);
		}
		setFlash(cookies, {
			type: 'success',
			message: m.gatherings_removed({ name: String(form.get('name') ?? '') })
		});
		redirect(303, back(id, form));
	}
} satisfies Actions;
