import type { Actor } from '$lib/domain/permissions';
import type { Session, SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			actor: Actor | null;
			/** A reset or new account: nothing but the password page until the user picks their own. */
			mustChangePassword: boolean;
		}
		interface Error {
			message: string;
			errorId?: string;
		}
	}
}

export {};
