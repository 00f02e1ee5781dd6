import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { requireRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { setFlash } from '$lib/server/flash';
import { failFromDomain, parseForm } from '$lib/server/forms';
import {
	createUser,
	listUsers,
	newUserSchema,
	passwordSchema,
	resetPassword,
	roles,
	setDisabled,
	setRole
} from '$lib/server/users/service';
import type { Actions, PageServerLoad } from './$types';

const idSchema = z.object({ id: z.coerce.number().int().positive('error_not_found') });

export const load = (async (event) => {
	requireRole(event, 'admin');
	return { users: await listUsers(getDb()) };
}) satisfies PageServerLoad;

export const actions = {
	create: async (event) => {
		const admin = requireRole(event, 'admin');
		const parsed = parseForm(newUserSchema, await event.request.formData(), {
			secret: ['password']
		});
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			await createUser(getDb(), parsed.data, admin.id);
		} catch (err) {
			return failFromDomain(err, { email: parsed.data.email, name: parsed.data.name });
		}
		setFlash(event.cookies, {
			type: 'success',
			message: m.users_created({ name: parsed.data.name })
		});
		redirect(303, '/admin/users');
	},
	role: async (event) => {
		const admin = requireRole(event, 'admin');
		const parsed = parseForm(
			idSchema.extend({ role: z.enum(roles, 'error_choice') }),
			await event.request.formData()
		);
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			await setRole(getDb(), parsed.data.id, parsed.data.role, admin.id);
		} catch (err) {
			return failFromDomain(err);
		}
		setFlash(event.cookies, { type: 'success', message: m.users_updated() });
		redirect(303, '/admin/users');
	},
	disable: async (event) => {
		const admin = requireRole(event, 'admin');
		const parsed = parseForm(
			idSchema.extend({ disabled: z.enum(['true', 'false']) }),
			await event.request.formData()
		);
		if (!parsed.ok) {
			return parsed.failure;
		}
		try {
			await setDisabled(getDb(), parsed.data.id, parsed.data.disabled === 'true', admin.id);
		} catch (err) {
			return failFromDomain(err);
		}
		setFlash(event.cookies, { type: 'success', message: m.users_updated() });
		redirect(303, '/admin/users');
	},
	reset: async (event) => {
		const admin = requireRole(event, 'admin');
		const parsed = parseForm(
			idSchema.extend({ password: passwordSchema, name: z.string() }),
			await event.request.formData(),
			{
				secret: ['password']
			}
		);
		if (!parsed.ok) {
			return parsed.failure;
		}
		await resetPassword(getDb(), parsed.data.id, parsed.data.password, admin.id);
		setFlash(event.cookies, {
			type: 'success',
			message: m.users_password_reset_done({ name: parsed.data.name })
		});
		redirect(303, '/admin/users');
	}
} satisfies Actions;
