import type { SessionUser, ValidSession } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: ValidSession | null;
		}
		interface Error {
			message: string;
		}
		interface PageState {
			[key: string]: unknown;
		}
	}
}

export {};
